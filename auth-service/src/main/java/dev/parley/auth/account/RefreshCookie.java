package dev.parley.auth.account;

import java.time.Duration;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * The refresh token's place in a browser: an {@code HttpOnly; Secure; SameSite=Strict} cookie scoped to
 * {@code /api/v1/auth}, set by login and every refresh, cleared by logout. Page scripts cannot read it; only the
 * auth endpoints receive it (ADR 0007). Browsers treat {@code http://localhost} as secure, so it works in local
 * development without TLS.
 */
final class RefreshCookie {

    static final String NAME = "parley_refresh";
    static final String PATH = "/api/v1/auth";

    private RefreshCookie() {
    }

    static String from(ServerHttpRequest request) {
        HttpCookie cookie = request.getCookies().getFirst(NAME);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    static void set(ServerHttpResponse response, String refreshToken, Duration ttl) {
        response.addCookie(base(refreshToken).maxAge(ttl).build());
    }

    static void clear(ServerHttpResponse response) {
        response.addCookie(base("").maxAge(Duration.ZERO).build());
    }

    private static ResponseCookie.ResponseCookieBuilder base(String value) {
        return ResponseCookie.from(NAME, value).path(PATH).httpOnly(true).secure(true).sameSite("Strict");
    }
}
