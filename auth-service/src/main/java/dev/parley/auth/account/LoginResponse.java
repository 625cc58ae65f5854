package dev.parley.auth.account;

import java.time.Instant;

import dev.parley.auth.session.SessionService;
import dev.parley.auth.user.UserResponse;

/**
 * The guide's Login Response {@code data}: {@code token} and {@code user}, plus the token's type and expiry and
 * the refresh token (additions a client may ignore; the guide's refresh flow sends the refresh token back as
 * {@code Authorization: Bearer}).
 */
record LoginResponse(String token, String tokenType, long expiresIn, Instant expiresAt, String refreshToken,
        UserResponse user) {

    static LoginResponse of(SessionService.Issued s, UserResponse user) {
        return new LoginResponse(s.access().value(), "Bearer", s.access().expiresInSeconds(), s.access().expiresAt(),
                s.refreshToken(), user);
    }
}
