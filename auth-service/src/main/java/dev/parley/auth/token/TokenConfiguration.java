package dev.parley.auth.token;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;

import dev.parley.auth.AuthProperties;
import dev.parley.platform.security.LiveSessionJwtDecoder;
import dev.parley.platform.security.ParleyJwtDecoders;
import dev.parley.platform.security.ParleySecurityProperties;
import dev.parley.platform.security.RevokedSessions;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    SigningKeys signingKeys(AuthProperties props) {
        return SigningKeys.loadOrGenerate(props.keysDir());
    }

    /** BCrypt ($2b$) with an explicit cost factor. */
    @Bean
    PasswordEncoder passwordEncoder(AuthProperties props) {
        return new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, props.bcryptStrength());
    }

    /**
     * auth-service validates its own tokens with its own keys: the same rules as every other service, the ended
     * sessions included.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SigningKeys keys, ParleySecurityProperties security, RevokedSessions revoked) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Flux.fromIterable(keys.all().toPublicJWKSet().getKeys()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(ParleyJwtDecoders.validator(security));
        return new LiveSessionJwtDecoder(decoder, revoked);
    }

}
