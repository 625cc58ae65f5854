package dev.parley.auth.account;

import java.time.Instant;

import dev.parley.auth.session.SessionService;

/** {@code data} of a refresh: the new access token (as the guide's client reads {@code data.token}) and the new refresh token. */
record RefreshResponse(String token, String tokenType, long expiresIn, Instant expiresAt, String refreshToken) {

    static RefreshResponse of(SessionService.Issued s) {
        return new RefreshResponse(s.access().value(), "Bearer", s.access().expiresInSeconds(),
                s.access().expiresAt(), s.refreshToken());
    }
}
