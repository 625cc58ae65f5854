package dev.parley.events.data;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * {@code data} of {@code event.user.profile.update} and {@code event.user.status.change}: the public profile as it
 * now is ({@link UserProfile}'s fields) and {@code changes}, only the fields that changed ({@code display_name},
 * {@code avatar}; or {@code status}).
 */
public record UserChangeData(
        UUID id,
        String username,
        @Nullable String displayName,
        @Nullable String avatar,
        String status,
        @Nullable Instant lastSeen,
        boolean isVerified,
        Instant createdAt,
        Instant updatedAt,
        Map<String, Object> changes) {

    public static UserChangeData of(UserProfile p, Map<String, Object> changes) {
        return new UserChangeData(p.id(), p.username(), p.displayName(), p.avatar(), p.status(), p.lastSeen(),
                p.isVerified(), p.createdAt(), p.updatedAt(), changes);
    }

    public UserProfile profile() {
        return new UserProfile(id, username, displayName, avatar, status, lastSeen, isVerified, createdAt, updatedAt);
    }
}
