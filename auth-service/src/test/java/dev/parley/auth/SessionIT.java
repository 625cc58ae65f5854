package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.parley.events.Topics;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.KafkaProbe;

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

    private static String sid(String accessToken) throws java.text.ParseException {
        return com.nimbusds.jwt.SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
    }

    /** Issue #14: the access token of an ended session stops working at once, not at its exp. */
    @Test
    void afterLogoutTheSessionsAccessTokenIsRefusedAtOnceAndTheRevocationIsPublished() throws Exception {
        try (KafkaProbe probe = KafkaProbe.open(Topics.SESSION_REVOCATION)) {
            JsonNode login = signUp("gone");
            String token = login.get("token").asString();
            JsonNode other = json(login(login.get("user").get("username").asString(), "securePassword123",
                    someAddress()).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                    .get("data");
            me(token).expectStatus().isOk();

            http.post().uri("/api/v1/auth/logout").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk();

            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> me(token).returnResult(String.class).getStatus().value() == 401);
            me(token).expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHORIZED");
            // the user's other session still works
            me(other.get("token").asString()).expectStatus().isOk();

            String userId = login.get("user").get("id").asString();
            await().atMost(Duration.ofSeconds(10)).until(() -> !probe.records(r -> userId.equals(r.key())).isEmpty());
            var record = probe.records(r -> userId.equals(r.key())).get(0);
            assertThat(KafkaProbe.header(record, "event_type")).isEqualTo("event.user.session.revoke");
            JsonNode data = json(record.value()).get("data");
            assertThat(data.get("session_id").asString()).isEqualTo(sid(token));
            assertThat(data.get("user_id").asString()).isEqualTo(userId);
            assertThat(data.get("reason").asString()).isEqualTo("logout");
            assertThat(java.time.Instant.parse(data.get("until").asString()))
                    .isAfter(java.time.Instant.now().plusSeconds(14 * 60));
        }
    }

    @Test
    void aReusedRefreshTokenEndsTheSessionsAccessTokensToo() {
        JsonNode login = signUp("stolen");
        String first = login.get("refresh_token").asString();
        JsonNode next = refreshed(first);
        String access = next.get("token").asString();
        me(access).expectStatus().isOk();

        refresh(first).expectStatus().isUnauthorized(); // the reuse revokes the family

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> me(access).returnResult(String.class).getStatus().value() == 401);
        me(login.get("token").asString()).expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec me(String accessToken) {
        return http.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(accessToken)).exchange();
    }

    /** A browser's view of an auth response: its body's {@code data} and the refresh cookie it set. */
    private record Answer(JsonNode data, String cookie) {
    }

    private static Answer answer(WebTestClient.ResponseSpec spec) {
        EntityExchangeResult<String> r = spec.expectBody(String.class).returnResult();
        ResponseCookie c = r.getResponseCookies().getFirst("parley_refresh");
        assertThat(c).as("refresh cookie").isNotNull();
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(c.isSecure()).isTrue();
        assertThat(c.getSameSite()).isEqualTo("Strict");
        assertThat(c.getPath()).isEqualTo("/api/v1/auth");
        return new Answer(json(r.getResponseBody()).get("data"), c.getValue());
    }

    /** The guide's refreshToken(): {@code Bearer <localStorage.refreshToken>}, plus what the browser adds. */
    private WebTestClient.ResponseSpec browserRefresh(String header, String cookie) {
        return http.post().uri("/api/v1/auth/refresh")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + header)
                .cookies(c -> {
                    if (cookie != null) {
                        c.add("parley_refresh", cookie);
                    }
                })
                .exchange();
    }

    private Answer browserLogin(String prefix) {
        String name = prefix + java.util.UUID.randomUUID().toString().substring(0, 8);
        register(name, "securePassword123");
        return answer(login(name, "securePassword123", someAddress()).expectStatus().isOk());
    }

    @Test
    void theGuidesRefreshSendingBearerNullKeepsTheSessionThroughRotations() {
        Answer session = browserLogin("guide");
        assertThat(session.cookie()).isEqualTo(session.data().get("refresh_token").asString());
        for (int i = 0; i < 4; i++) {
            Answer next = answer(browserRefresh("null", session.cookie()).expectStatus().isOk());
            assertThat(next.cookie()).isNotEqualTo(session.cookie());
            assertThat(next.data().get("token").asString()).isNotBlank();
            session = next;
        }
        String token = session.data().get("token").asString();
        http.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
    }

    @Test
    void aClientThatKeptItsFirstRefreshTokenStaysLoggedInWhileItsBrowserHoldsTheCurrentCookie() {
        Answer login = browserLogin("stale");
        String first = login.data().get("refresh_token").asString();
        Answer second = answer(browserRefresh(first, login.cookie()).expectStatus().isOk());
        // the header still carries the first, now superseded, token; the cookie carries the current one
        Answer third = answer(browserRefresh(first, second.cookie()).expectStatus().isOk());
        answer(browserRefresh(first, third.cookie()).expectStatus().isOk());
    }

    @Test
    void reuseDetectionStillEndsTheSessionWhenNobodyHoldsItsCurrentToken() {
        Answer login = browserLogin("thief");
        String stolen = login.cookie();
        Answer rotated = answer(browserRefresh("null", stolen).expectStatus().isOk());
        // the superseded token again, as a cookie or in the header, without the current one: the session ends
        browserRefresh("null", stolen).expectStatus().isUnauthorized();
        browserRefresh("null", rotated.cookie()).expectStatus().isUnauthorized();

        Answer other = browserLogin("thief2");
        Answer otherRotated = answer(browserRefresh("null", other.cookie()).expectStatus().isOk());
        // a superseded token of one session next to the cookie of another session is still reuse
        Answer unrelated = browserLogin("bystander");
        browserRefresh(other.cookie(), unrelated.cookie()).expectStatus().isUnauthorized();
        browserRefresh("null", otherRotated.cookie()).expectStatus().isUnauthorized();
    }

    @Test
    void logoutClearsTheRefreshCookie() {
        Answer login = browserLogin("bye");
        EntityExchangeResult<String> out = http.post().uri("/api/v1/auth/logout")
                .headers(h -> h.setBearerAuth(login.data().get("token").asString()))
                .cookie("parley_refresh", login.cookie()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        ResponseCookie cleared = out.getResponseCookies().getFirst("parley_refresh");
        assertThat(cleared).isNotNull();
        assertThat(cleared.getMaxAge()).isZero();
        browserRefresh("null", login.cookie()).expectStatus().isUnauthorized();
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
