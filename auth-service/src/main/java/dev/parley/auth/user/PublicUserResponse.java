package dev.parley.auth.user;

import java.time.Instant;
import java.util.UUID;

/** Another user's profile as a caller sees it: the guide's User object without {@code email}. */
public record PublicUserResponse(
        UUID id,
        String username,
        String displayName,
        String avatar,
        String status,
        Instant lastSeen,
        boolean isVerified,
        Instant createdAt,
        Instant updatedAt) {

    public static PublicUserResponse of(User u) {
        return new PublicUserResponse(u.id(), u.username(), u.displayName(), u.avatar(), u.effectiveStatus(),
                u.lastSeen(), u.isVerified(), u.createdAt(), u.updatedAt());
    }
}
