package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.parley.testinfra.JsonSchemas;

/** Refresh-token rotation, reuse detection and logout (RFC 9700). */
class SessionIT extends AuthIntegrationTest {

    private WebTestClient.ResponseSpec refresh(String refreshToken) {
        return http.post().uri("/api/v1/auth/refresh").headers(h -> h.setBearerAuth(refreshToken)).exchange();
    }

    private JsonNode refreshed(String refreshToken) {
        return json(refresh(refreshToken).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).get("data");
    }

    @Test
    void loginGivesARefreshTokenThatRotatesIntoANewPair() {
        JsonNode login = signUp("rot");
        String first = login.get("refresh_token").asString();
        assertThat(first).hasSizeGreaterThanOrEqualTo(43);

        JsonNode next = refreshed(first);
        assertThat(next.get("token").asString()).isNotBlank().isNotEqualTo(login.get("token").asString());
        assertThat(next.get("refresh_token").asString()).isNotEqualTo(first);
        assertThat(next.get("expires_in").asLong()).isPositive();

        // the new access token works
        http.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(next.get("token").asString()))
                .exchange().expectStatus().isOk();
        // and the new refresh token rotates again
        refreshed(next.get("refresh_token").asString());
    }

    @Test
    void presentingARotatedRefreshTokenAgainRevokesTheWholeSession() {
        JsonNode login = signUp("reuse");
        String first = login.get("refresh_token").asString();
        String second = refreshed(first).get("refresh_token").asString();

        String body = refresh(first).expectStatus().isUnauthorized().expectBody(String.class).returnResult()
                .getResponseBody();
        JsonSchemas.assertMatches("schemas/api/error.schema.json", body);
        // the legitimate holder's newer token is gone too: the session is revoked
        refresh(second).expectStatus().isUnauthorized();
    }

    @Test
    void logoutEndsTheSessionOfTheAccessToken() {
        JsonNode login = signUp("logout");
        JsonNode other = json(login(login.get("user").get("username").asString(), "securePassword123",
                someAddress()).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .get("data");

        http.post().uri("/api/v1/auth/logout").headers(h -> h.setBearerAuth(login.get("token").asString()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.success").isEqualTo(true);

        refresh(login.get("refresh_token").asString()).expectStatus().isUnauthorized();
        // another session of the same user is untouched
        refreshed(other.get("refresh_token").asString());
    }

    @Test
    void garbageMissingOrSwappedTokensAre401() {
        JsonNode login = signUp("garbage");
        refresh("not-a-token").expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code")
                .isEqualTo("UNAUTHORIZED");
        http.post().uri("/api/v1/auth/refresh").exchange().expectStatus().isUnauthorized();
        // an access token is not a refresh token, and a refresh token is not an access token
        refresh(login.get("token").asString()).expectStatus().isUnauthorized();
        http.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(login.get("refresh_token").asString()))
                .exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/auth/logout").exchange().expectStatus().isUnauthorized();
    }
}
