package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.Topics;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.KafkaProbe;

class AuthApiIT extends AuthIntegrationTest {

    static KafkaProbe probe;

    @BeforeAll
    static void openProbe() {
        probe = KafkaProbe.open(Topics.USER);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void registeringReturnsTheUserObjectAndPublishesTheirPublicProfile() {
        String username = unique("john");
        String body = register(username, "securePassword123");

        JsonSchemas.assertMatches("schemas/api/user.schema.json", body);
        JsonNode user = ParleyJson.mapper().readTree(body).get("data");
        assertThat(user.get("username").asString()).isEqualTo(username);
        assertThat(user.get("display_name").asString()).isEqualTo("Name of " + username);
        assertThat(user.has("password")).isFalse();
        assertThat(user.has("password_hash")).isFalse();
        String id = user.get("id").asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> !probe.records(r -> id.equals(r.key())).isEmpty());
        ConsumerRecord<String, String> record = probe.records(r -> id.equals(r.key())).get(0);
        assertThat(KafkaProbe.header(record, "event_type")).isEqualTo(EventTypes.USER_CREATE);
        JsonSchemas.assertMatches("dev/parley/events/schema/envelope.schema.json", record.value());
        JsonNode event = ParleyJson.mapper().readTree(record.value());
        assertThat(event.get("type").asString()).isEqualTo(EventTypes.USER_CREATE);
        assertThat(event.get("producer").asString()).isEqualTo("auth-service");
        assertThat(event.get("data").get("username").asString()).isEqualTo(username);
        assertThat(event.get("data").has("email")).as("the public profile has no email").isFalse();
    }

    @Test
    void anInvalidRegistrationNamesEveryBadField() {
        String body = http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "a!", "email", "not-an-email", "password", "short",
                        "display_name", "x".repeat(65)))
                .exchange().expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody();

        JsonSchemas.assertMatches("schemas/api/error.schema.json", body);
        JsonNode error = ParleyJson.mapper().readTree(body).get("error");
        assertThat(error.get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(error.get("details").valueStream().map(d -> d.get("field").asString()).distinct())
                .containsExactlyInAnyOrder("username", "email", "password", "display_name");
    }

    @Test
    void aMissingOrMalformedBodyIsAValidationError() {
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details[?(@.field == 'username')]").exists();
    }

    @Test
    void aTakenUsernameOrEmailIsAConflict() {
        String username = unique("taken");
        register(username, "securePassword123");
        String body = http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username.toUpperCase(), "email", username + "@example.com",
                        "password", "securePassword123"))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/error.schema.json", body);
        assertThat(body).contains("\"code\":\"CONFLICT\"").contains("\"field\":\"username\"")
                .contains("\"field\":\"email\"");
    }

    @Test
    void loginReturnsAnRs256AccessTokenVerifiableWithThePublishedJwks() throws Exception {
        String username = unique("jane");
        register(username, "securePassword123");

        String body = login(username, "securePassword123", someAddress()).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/login-response.schema.json", body);
        JsonNode data = ParleyJson.mapper().readTree(body).get("data");

        String jwks = http.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(jwks).doesNotContain("\"d\"").doesNotContain("\"p\"");
        JWSObject jws = JWSObject.parse(data.get("token").asString());
        RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(jws.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jws.getHeader().getType().getType()).isEqualTo("at+jwt");
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        assertThat(claims).containsKeys("iss", "aud", "sub", "exp", "iat", "jti")
                .containsEntry("sub", data.get("user").get("id").asString())
                .containsEntry("iss", "parley-auth")
                .containsEntry("preferred_username", username);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() {
        String username = unique("mallory");
        register(username, "securePassword123");

        String address = someAddress();
        String wrong = login(username, "wrongPassword123", address).expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        String unknown = login(unique("nobody"), "wrongPassword123", address).expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();

        JsonSchemas.assertMatches("schemas/api/error.schema.json", wrong);
        assertThat(wrong).isEqualTo(unknown);
        assertThat(ParleyJson.mapper().readTree(wrong).get("error").get("code").asString())
                .isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void theSigningKeyPersistsInTheKeysFolder() {
        assertThat(keysDir.resolve("signing-keys.jwks.json")).exists();
    }
}
