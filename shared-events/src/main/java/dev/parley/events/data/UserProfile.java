package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user's public profile: the guide's User Object without {@code email}. The {@code data} of
 * {@code event.user.create} and the state other services keep in their user projections.
 */
public record UserProfile(
        UUID id,
        String username,
        @Nullable String displayName,
        @Nullable String avatar,
        String status,
        @Nullable Instant lastSeen,
        boolean isVerified,
        Instant createdAt,
        Instant updatedAt) {

    public UserSummary summary() {
        return new UserSummary(id, username, displayName, avatar);
    }
}
