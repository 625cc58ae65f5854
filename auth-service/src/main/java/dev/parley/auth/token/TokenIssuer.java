package dev.parley.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import dev.parley.auth.user.User;
import dev.parley.events.Times;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.security.ParleySecurityProperties;
import dev.parley.platform.security.RevokedSessions;

/** Issues short-lived RS256 access tokens ({@code typ: at+jwt}, RFC 9068) with the active key's {@code kid}. */
@Component
public class TokenIssuer {

    private final SigningKeys keys;
    private final JwtEncoder encoder;
    private final ParleySecurityProperties security;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, ParleySecurityProperties security, Clock clock) {
        this.keys = keys;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(keys.all()));
        this.security = security;
        this.clock = clock;
    }

    /** Claim naming the login session (refresh-token family) an access token belongs to. */
    public static final String CLAIM_SESSION = RevokedSessions.CLAIM_SESSION;

    public AccessToken issue(User user, UUID sessionId) {
        Instant now = Times.now(clock);
        Instant expires = now.plus(security.accessTokenTtl());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(security.issuer())
                .audience(List.of(security.audience()))
                .subject(user.id().toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expires)
                .claim(CurrentUser.CLAIM_USERNAME, user.username())
                .claim(CurrentUser.CLAIM_DISPLAY_NAME, user.displayName())
                .claim(CLAIM_SESSION, sessionId.toString())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .type(ParleySecurityProperties.TOKEN_TYPE)
                .keyId(keys.active().getKeyID())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(token, expires, security.accessTokenTtl().toSeconds());
    }

    public record AccessToken(String value, Instant expiresAt, long expiresInSeconds) {
    }
}
