package dev.parley.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue #14, for every service that checks access tokens: a token must carry what auth-service always issues (a
 * user id as {@code sub}, a session id as {@code sid}, {@code exp} no further than the access-token lifetime from
 * {@code iat}), else 401 in the error envelope, never a 500; and a token whose session ended on
 * {@code session.revocation} is refused at once. A service's test class implements it over its running service.
 */
public interface TokenClaimsContract {

    /** The running service. */
    WebTestClient http();

    /** The issuer the service trusts. */
    TestTokens tokens();

    /** A {@code GET} the service answers only with a valid token. */
    String protectedUri();

    private JWTClaimsSet.Builder valid() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("parley-auth").audience(List.of("parley"))
                .subject(UUID.randomUUID().toString()).claim("sid", UUID.randomUUID().toString())
                .claim("preferred_username", "x").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    private void refused(JWTClaimsSet claims) {
        String token = tokens().sign(claims);
        http().get().uri(protectedUri()).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.error.code").isEqualTo("UNAUTHORIZED");
    }

    @Test
    default void aTokenWithoutTheClaimsAuthServiceIssuesIsA401() {
        refused(valid().subject("admin").build());
        refused(valid().subject("").build());
        refused(valid().expirationTime(null).build());
        refused(valid().expirationTime(Date.from(Instant.now().plus(Duration.ofDays(365)))).build());
        refused(valid().claim("sid", null).build());
    }

    @Test
    default void aTokenOfAnEndedSessionIsRefusedOnceTheRevocationIsPublished() {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String token = tokens().token(user, "leaver", "Leaver", session, Duration.ofMinutes(15));
        http().get().uri(protectedUri()).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().value(s -> assertThat(s).isNotEqualTo(401));
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish(Events.sessionRevoked(user, session));
        }
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> http().get()
                .uri(protectedUri()).headers(h -> h.setBearerAuth(token)).exchange().returnResult(String.class)
                .getStatus().value() == 401);
    }
}
