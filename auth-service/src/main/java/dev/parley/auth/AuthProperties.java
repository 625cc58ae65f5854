package dev.parley.auth;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keysDir        folder of the signing key set ({@code signing-keys.jwks.json}); the access tokens' lifetime
 *                       is {@code parley.security.access-token-ttl}, which every service validates against
 * @param bcryptStrength BCrypt cost factor (log2 rounds)
 * @param refreshTokenTtl lifetime of a refresh token (each rotation issues a new one)
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(Path keysDir, Integer bcryptStrength, Duration refreshTokenTtl) {

    public AuthProperties {
        keysDir = keysDir == null ? Path.of(".parley", "keys") : keysDir;
        bcryptStrength = bcryptStrength == null ? 12 : bcryptStrength;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
    }
}
