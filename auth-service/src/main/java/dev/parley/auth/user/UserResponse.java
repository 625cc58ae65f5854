package dev.parley.auth.user;

import java.time.Instant;
import java.util.UUID;

/** The guide's User object, as its owner sees it (with {@code email}). */
public record UserResponse(
        UUID id,
        String username,
        String email,
        String displayName,
        String avatar,
        String status,
        Instant lastSeen,
        boolean isVerified,
        Instant createdAt,
        Instant updatedAt) {

    public static UserResponse of(User u) {
        return new UserResponse(u.id(), u.username(), u.email(), u.displayName(), u.avatar(), u.effectiveStatus(),
                u.lastSeen(), u.isVerified(), u.createdAt(), u.updatedAt());
    }
}
