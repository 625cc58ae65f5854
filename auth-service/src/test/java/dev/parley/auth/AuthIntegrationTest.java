package dev.parley.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.nimbusds.jose.jwk.JWKSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

import dev.parley.auth.token.TestSigningKeys;
import dev.parley.events.ParleyJson;
import dev.parley.testinfra.TestInfra;

/**
 * One running auth-service (real PostgreSQL and Kafka) shared by the auth-service integration tests. Its key
 * set holds two keys, as in the middle of a rotation: {@link #activeKey} signs, {@link #retiringKey} is still
 * published. Login throttling is tight so that tests reach it quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.auth.bcrypt-strength=4",
        "parley.auth.throttle.account-limit=3",
        "parley.auth.throttle.address-limit=8",
        "parley.auth.throttle.base-lockout=30s",
        "parley.auth.throttle.signup-address-limit=4",
        "parley.auth.presence.expiry=3s",
        "parley.auth.presence.sweep-interval=1s"})
@AutoConfigureWebTestClient(timeout = "30s") // a slow first request on a cold, busy CI machine is not a failure
abstract class AuthIntegrationTest {

    static Path keysDir;
    static JWKSet keys;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) throws Exception {
        TestInfra.register(registry, "auth");
        keysDir = Files.createTempDirectory("parley-keys");
        keys = new JWKSet(java.util.List.of(TestSigningKeys.generate(), TestSigningKeys.generate()));
        Files.writeString(keysDir.resolve(TestSigningKeys.FILE_NAME), keys.toString(false));
        registry.add("parley.auth.keys-dir", keysDir::toString);
    }

    WebTestClient http;
    @LocalServerPort
    int port;

    /**
     * A new connection per request: twice on a cold CI machine one request hung on a pooled keep-alive connection
     * (the server had just answered the previous request on it); tests measure the service, not connection reuse.
     */
    @Autowired
    void client(WebTestClient autoConfigured) {
        this.http = autoConfigured.mutate().clientConnector(new ReactorClientHttpConnector(
                HttpClient.create(ConnectionProvider.newConnection()))).build();
    }

    static com.nimbusds.jose.jwk.RSAKey activeKey() {
        return (com.nimbusds.jose.jwk.RSAKey) keys.getKeys().get(0);
    }

    static com.nimbusds.jose.jwk.RSAKey retiringKey() {
        return (com.nimbusds.jose.jwk.RSAKey) keys.getKeys().get(1);
    }

    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A client address of its own, so that tests do not share the per-address login throttle. */
    static String someAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    String register(String username, String password) {
        return register(username, password, someAddress());
    }

    /** Signs up from a client address (as the gateway forwards it; sign-ups are limited per address). */
    String register(String username, String password, String address) {
        return http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", address)
                .bodyValue(Map.of("username", username, "email", username + "@example.com", "password", password,
                        "display_name", "Name of " + username))
                .exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec login(String username, String password, String address) {
        return http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", address)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    /** Registers and logs in; returns the login {@code data}. */
    JsonNode signUp(String prefix) {
        String username = unique(prefix);
        register(username, "securePassword123");
        String body = login(username, "securePassword123", someAddress()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return ParleyJson.mapper().readTree(body).get("data");
    }

    static JsonNode json(String body) {
        return ParleyJson.mapper().readTree(body);
    }
}
