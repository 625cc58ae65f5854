package dev.parley.platform.security;

import java.time.Clock;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The one way Parley validates an access token: RS256 only (so {@code alg: none} and HMAC tricks fail),
 * keys from the auth-service JWKS (fetched by {@code kid}, refreshed on an unknown {@code kid}), and
 * {@code typ}, {@code iss}, {@code aud}, {@code exp}/{@code nbf} checked, and the claims auth-service always
 * issues required ({@link AccessTokenClaims}: {@code exp}, {@code iat}, a lifetime no longer than configured, a
 * user id as {@code sub}, a session id as {@code sid}).
 */
public final class ParleyJwtDecoders {

    private ParleyJwtDecoders() {
    }

    public static ReactiveJwtDecoder fromJwkSet(ParleySecurityProperties props) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(props.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator(props));
        return decoder;
    }

    public static OAuth2TokenValidator<Jwt> validator(ParleySecurityProperties props) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setAllowEmptyExpiryClaim(false);
        List<OAuth2TokenValidator<Jwt>> validators = List.of(
                timestamps,
                new AccessTokenClaims(props.accessTokenTtl(), Clock.systemUTC()),
                new JwtIssuerValidator(props.issuer()),
                new JwtTypeValidator(List.of(ParleySecurityProperties.TOKEN_TYPE)),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(props.audience())));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
