package dev.parley.auth.user;

import java.time.Instant;
import java.util.UUID;

import dev.parley.events.data.UserProfile;

/** A user as auth-service stores it. Never sent as is: see {@link UserResponse}. */
public record User(
        UUID id,
        String username,
        String email,
        String passwordHash,
        String displayName,
        String avatar,
        String status,
        Instant lastSeen,
        boolean isVerified,
        Instant createdAt,
        Instant updatedAt) {

    /** The public profile carried by user events. */
    public UserProfile profile() {
        return new UserProfile(id, username, displayName, avatar, status, lastSeen, isVerified, createdAt, updatedAt);
    }
}
