package dev.parley.auth.account;

import java.time.Instant;

import dev.parley.auth.user.UserResponse;

/**
 * The guide's Login Response {@code data}: {@code token} and {@code user}, plus the token's type and expiry
 * (additions a client may ignore).
 */
public record LoginResponse(String token, String tokenType, long expiresIn, Instant expiresAt, UserResponse user) {
}
