package dev.parley.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Browsers on an allowed origin may call {@code /api/v1/**} cross-origin, with credentials; others may not. */
@AutoConfigureWebTestClient(timeout = "30s") // a slow first request on a cold, busy CI machine is not a failure
class CorsIT extends GatewayIntegrationTest {

    static final String ALLOWED = "http://allowed.example"; // the test's parley.gateway.allowed-origins

    @Autowired
    WebTestClient http;

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAndCached() {
        http.options().uri("/api/v1/auth/login")
                .header(HttpHeaders.ORIGIN, ALLOWED)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type, authorization")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, m -> org.assertj.core.api.Assertions
                        .assertThat(m).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, h -> org.assertj.core.api.Assertions
                        .assertThat(h.toLowerCase()).contains("authorization").contains("content-type"));
    }

    @Test
    void anActualRequestFromAnAllowedOriginCarriesTheCorsHeaders() {
        http.method(HttpMethod.GET).uri("/api/v1/rooms/my-chats")
                .header(HttpHeaders.ORIGIN, ALLOWED)
                .exchange()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, h -> org.assertj.core.api.Assertions
                        .assertThat(h).contains("Retry-After"));
    }

    @Test
    void anOriginOffTheListIsRefused() {
        http.options().uri("/api/v1/auth/login")
                .header(HttpHeaders.ORIGIN, "http://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    /** Issue #14: the match is exact: neither a look-alike host nor another scheme or port gets CORS headers. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"http://allowed.example.evil.example",
            "https://allowed.example", "http://allowed.example:8080", "http://allowed.example@evil.example",
            "http://evil.example/http://allowed.example", "null"})
    void aCraftedOriginIsRefused(String origin) {
        http.options().uri("/api/v1/auth/login")
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
