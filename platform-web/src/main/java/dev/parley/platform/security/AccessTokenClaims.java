package dev.parley.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * The claims an access token must carry, as auth-service issues them, rather than the ones a validator merely
 * checks when present: {@code iat} and {@code exp} with {@code exp - iat} no longer than the configured
 * lifetime (so no token outlives a revocation, which is kept that long), {@code iat} not in the future, a
 * {@code sub} that is a user id and a {@code sid} that is a session id. Anything else is a 401, never a 500
 * further down.
 */
final class AccessTokenClaims implements OAuth2TokenValidator<Jwt> {

    /** Clocks of issuer and service may disagree this much. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Duration lifetime;
    private final Clock clock;

    AccessTokenClaims(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant issued = jwt.getIssuedAt();
        Instant expires = jwt.getExpiresAt();
        if (issued == null || expires == null) {
            return failure("The token must carry iat and exp");
        }
        if (Duration.between(issued, expires).compareTo(lifetime) > 0) {
            return failure("The token lives longer than " + lifetime.toSeconds() + " s");
        }
        if (issued.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            return failure("The token was issued in the future");
        }
        if (!isUuid(jwt.getClaimAsString(JwtClaimNames.SUB))) {
            return failure("The token's sub is not a user id");
        }
        if (!isUuid(jwt.getClaimAsString(RevokedSessions.CLAIM_SESSION))) {
            return failure("The token's sid is not a session id");
        }
        return OAuth2TokenValidatorResult.success();
    }

    static boolean isUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equals(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
