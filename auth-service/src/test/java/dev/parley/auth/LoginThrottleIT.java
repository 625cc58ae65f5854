package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.parley.testinfra.JsonSchemas;

/** Account limit 3, address limit 8, first lockout 30 s (see {@link AuthIntegrationTest}). */
class LoginThrottleIT extends AuthIntegrationTest {

    @Test
    void repeatedFailuresForOneAccountGet429WithRetryAfterEvenWithTheRightPassword() {
        String username = unique("target");
        register(username, "securePassword123");
        String address = someAddress();
        for (int i = 0; i < 3; i++) {
            login(username, "guess" + i + "abc", address).expectStatus().isUnauthorized();
        }
        String body = login(username, "securePassword123", someAddress()).expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", v -> assertThat(Integer.parseInt(v)).isBetween(1, 30))
                .expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/error.schema.json", body);
        assertThat(json(body).get("error").get("code").asString()).isEqualTo("RATE_LIMITED");

        // other accounts are not affected
        String bystander = unique("bystander");
        register(bystander, "securePassword123");
        login(bystander, "securePassword123", address).expectStatus().isOk();
    }

    @Test
    void oneAddressTryingManyAccountsIsThrottled() {
        String address = someAddress();
        for (int i = 0; i < 8; i++) {
            login(unique("nobody"), "wrongPassword1", address).expectStatus().isUnauthorized();
        }
        String username = unique("real");
        register(username, "securePassword123");
        login(username, "securePassword123", address).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After");
        login(username, "securePassword123", someAddress()).expectStatus().isOk();
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() {
        String username = unique("forgetful");
        register(username, "securePassword123");
        String address = someAddress();
        login(username, "wrongPassword1", address).expectStatus().isUnauthorized();
        login(username, "wrongPassword2", address).expectStatus().isUnauthorized();
        login(username, "securePassword123", address).expectStatus().isOk();
        login(username, "wrongPassword3", address).expectStatus().isUnauthorized();
        login(username, "wrongPassword4", address).expectStatus().isUnauthorized();
        login(username, "securePassword123", address).expectStatus().isOk();
    }

    @Test
    void signUpsFromOneAddressAreLimitedBeforeAnyPasswordIsHashed() {
        String crowded = someAddress();
        for (int i = 0; i < 4; i++) { // the limit in these tests
            register(unique("bulk"), "securePassword123", crowded);
        }
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", crowded)
                .bodyValue(Map.of("username", unique("bulk"), "email", unique("bulk") + "@example.com",
                        "password", "securePassword123", "display_name", "Bulk"))
                .exchange().expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.error.code").isEqualTo("RATE_LIMITED");
        register(unique("elsewhere"), "securePassword123", someAddress()); // another address is not affected
    }
}
