package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import tools.jackson.databind.JsonNode;

import dev.parley.auth.token.TestSigningKeys;
import dev.parley.platform.security.ParleyJwtDecoders;
import dev.parley.platform.security.ParleySecurityProperties;

/**
 * Forged and stale tokens are refused by auth-service itself and by the decoder every other service uses
 * (configured against this auth-service's live JWKS), and both keys of a rotation are accepted.
 */
class TokenValidationIT extends AuthIntegrationTest {

    private static UUID user;

    /** What another Parley service runs: the JWKS over HTTP. */
    private ReactiveJwtDecoder otherService() {
        return ParleyJwtDecoders.fromJwkSet(new ParleySecurityProperties(
                "http://localhost:" + port + "/.well-known/jwks.json", "parley-auth", "parley", null, null, null, null));
    }

    private UUID user() {
        if (user == null) {
            user = UUID.fromString(signUp("tokens").get("user").get("id").asString());
        }
        return user;
    }

    static JWTClaimsSet.Builder validClaims(UUID subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("parley-auth").audience(List.of("parley"))
                .subject(subject.toString()).jwtID(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    static String rs256(RSAKey key, String kid, String typ, JWTClaimsSet claims) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid);
        if (typ != null) {
            header.type(new JOSEObjectType(typ));
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    record Forgery(String name, FailingSupplier token) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface FailingSupplier {
        String get(UUID subject) throws Exception;
    }

    static List<Forgery> forgeries() {
        UnaryOperator<String> b64 = s -> Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes());
        return List.of(
                new Forgery("alg none", s -> b64.apply("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "."
                        + b64.apply(validClaims(s).build().toString()) + "."),
                new Forgery("HS256 keyed with the public key", s -> {
                    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(activeKey().getKeyID()).type(new JOSEObjectType("at+jwt")).build(),
                            validClaims(s).build());
                    byte[] secret = activeKey().toRSAPublicKey().getEncoded();
                    jwt.sign(new MACSigner(java.util.Arrays.copyOf(secret, Math.max(secret.length, 32))));
                    return jwt.serialize();
                }),
                new Forgery("another key under the real kid", s -> rs256(TestSigningKeys.generate(),
                        activeKey().getKeyID(), "at+jwt", validClaims(s).build())),
                new Forgery("another key and kid", s -> {
                    RSAKey other = TestSigningKeys.generate();
                    return rs256(other, other.getKeyID(), "at+jwt", validClaims(s).build());
                }),
                new Forgery("wrong issuer", s -> rs256(activeKey(), activeKey().getKeyID(), "at+jwt",
                        validClaims(s).issuer("someone-else").build())),
                new Forgery("wrong audience", s -> rs256(activeKey(), activeKey().getKeyID(), "at+jwt",
                        validClaims(s).audience("other-api").build())),
                new Forgery("expired", s -> rs256(activeKey(), activeKey().getKeyID(), "at+jwt",
                        validClaims(s).issueTime(Date.from(Instant.now().minusSeconds(3600)))
                                .expirationTime(Date.from(Instant.now().minusSeconds(1800))).build())),
                new Forgery("not an access token (typ JWT)", s -> rs256(activeKey(), activeKey().getKeyID(), "JWT",
                        validClaims(s).build())),
                new Forgery("no subject", s -> rs256(activeKey(), activeKey().getKeyID(), "at+jwt",
                        validClaims(s).subject(null).build())),
                // claims are required, not checked only when present (issue #14)
                new Forgery("no exp", s -> rs256(activeKey(), activeKey().getKeyID(), "at+jwt",
                        validClaims(s).expirationTime(null).build())),
                new Forgery("no iat", s -> rs256(activeKey(), activeKey().getKeyID(), "at+jwt",
                        validClaims(s).issueTime(null).build())),
                new Forgery("exp - iat longer than the access-token lifetime", s -> rs256(activeKey(),
                        activeKey().getKeyID(), "at+jwt", validClaims(s)
                                .expirationTime(Date.from(Instant.now().plusSeconds(15 * 60 + 1))).build())),
                new Forgery("issued in the future", s -> rs256(activeKey(), activeKey().getKeyID(), "at+jwt",
                        validClaims(s).issueTime(Date.from(Instant.now().plusSeconds(600)))
                                .expirationTime(Date.from(Instant.now().plusSeconds(900))).build())),
                new Forgery("a sub that is not a user id", s -> rs256(activeKey(), activeKey().getKeyID(),
                        "at+jwt", validClaims(s).subject("admin").build())),
                new Forgery("no sid", s -> rs256(activeKey(), activeKey().getKeyID(), "at+jwt",
                        validClaims(s).claim("sid", null).build())),
                new Forgery("a sid that is not a session id", s -> rs256(activeKey(), activeKey().getKeyID(),
                        "at+jwt", validClaims(s).claim("sid", "x").build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedOrStaleTokenIsRefusedEverywhere(Forgery forgery) throws Exception {
        String token = forgery.token().get(user());
        http.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHORIZED");
        assertThatThrownBy(() -> otherService().decode(token).block()).isNotNull();
    }

    @Test
    void aProperlySignedTokenIsAccepted() throws Exception {
        String token = rs256(activeKey(), activeKey().getKeyID(), "at+jwt", validClaims(user()).build());
        http.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        assertThat(otherService().decode(token).block().getSubject()).isEqualTo(user().toString());
    }

    @Test
    void duringARotationTokensOfBothKeysAreAcceptedAndNewOnesAreSignedByTheActiveKey() throws Exception {
        String byRetiring = rs256(retiringKey(), retiringKey().getKeyID(), "at+jwt", validClaims(user()).build());
        http.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(byRetiring)).exchange().expectStatus().isOk();
        assertThat(otherService().decode(byRetiring).block().getSubject()).isEqualTo(user().toString());

        JsonNode login = signUp("rotation");
        String kid = SignedJWT.parse(login.get("token").asString()).getHeader().getKeyID();
        assertThat(kid).isEqualTo(activeKey().getKeyID());
        assertThat(otherService().decode(login.get("token").asString()).block()).isNotNull();

        String jwks = http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(jwks).contains(activeKey().getKeyID()).contains(retiringKey().getKeyID());
    }
}
