package dev.parley.testinfra;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.parley.events.ParleyJson;

/**
 * What the integration-test bases of the services share: a token issuer the service under test trusts, a publisher
 * of events shaped as the other services publish them, the callers the tests act as, and reading answers. A
 * service's base extends it with its {@code @SpringBootTest} settings, its {@code @DynamicPropertySource} and the
 * fixtures of its own domain.
 */
public abstract class ServiceIntegrationTest {

    /** The issuer of the tests' access tokens; the service trusts its JWK set ({@link #trustTestTokens}). */
    protected static final TestTokens tokens = TestTokens.start();

    /** Publishes events as auth-, room- and message-service do; one for the whole test JVM. */
    protected static EventPublisher publisher;

    @BeforeAll
    static void openPublisher() {
        if (publisher == null) {
            publisher = new EventPublisher();
        }
    }

    /** A user the tests act as, with an access token of {@link #tokens}. */
    public record Caller(UUID id, String name, String token) {
        public Events.Who who() {
            return new Events.Who(id, name);
        }
    }

    /** A caller with a fresh id, known only to the token issuer; its display name is {@code "Name " + name}. */
    protected static Caller caller(UUID id, String name) {
        return new Caller(id, name, tokens.token(id, name, "Name " + name));
    }

    /** The service checks access tokens against {@link #tokens}' JWK set. */
    protected static void trustTestTokens(DynamicPropertyRegistry registry) {
        registry.add("parley.security.jwk-set-uri", tokens::jwkSetUri);
    }

    protected static String body(WebTestClient.ResponseSpec response) {
        return response.expectBody(String.class).returnResult().getResponseBody();
    }

    protected static JsonNode json(String body) {
        return ParleyJson.mapper().readTree(body);
    }
}
