package dev.parley.platform.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How services validate access tokens.
 *
 * @param jwkSetUri   where auth-service publishes its keys
 * @param issuer      the expected {@code iss}
 * @param audience    the expected {@code aud}
 * @param publicPaths path patterns reachable without a token (besides health probes)
 * @param opaqueTokenPaths path patterns whose {@code Authorization: Bearer} carries something other than an
 *                    access token (auth-service's refresh endpoint): reachable, and never parsed as a JWT
 * @param accessTokenTtl how long an access token lives: auth-service issues them for this long, and every service
 *                    refuses a token whose {@code exp - iat} is longer (so a stolen signing key's tokens, or a
 *                    misconfigured issuer's, cannot outlive a revocation, which is kept this long)
 * @param trustedProxies addresses or CIDR ranges of the proxies whose {@code X-Forwarded-For} is believed: for the
 *                    gateway the ingress in front of it (none by default: the gateway is the edge), for a service
 *                    the gateway (loopback by default, as in the local stack)
 */
@ConfigurationProperties("parley.security")
public record ParleySecurityProperties(String jwkSetUri, String issuer, String audience, List<String> publicPaths,
        List<String> opaqueTokenPaths, Duration accessTokenTtl, List<String> trustedProxies) {

    public static final String TOKEN_TYPE = "at+jwt";

    public ParleySecurityProperties {
        issuer = issuer == null ? "parley-auth" : issuer;
        audience = audience == null ? "parley" : audience;
        jwkSetUri = jwkSetUri == null ? "http://localhost:8081/.well-known/jwks.json" : jwkSetUri;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        opaqueTokenPaths = opaqueTokenPaths == null ? List.of() : List.copyOf(opaqueTokenPaths);
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
