package dev.parley.auth.user;

import java.time.Instant;
import java.util.UUID;

import dev.parley.events.data.UserProfile;

/**
 * A user as auth-service stores it. Never sent as is: see {@link UserResponse}. {@code status} is the status
 * the user chose; {@code connected} says whether a gateway holds a socket of theirs.
 */
public record User(
        UUID id,
        String username,
        String email,
        String passwordHash,
        String displayName,
        String avatar,
        String status,
        boolean connected,
        Instant lastSeen,
        boolean isVerified,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The status others see: the chosen one while a socket is open, {@code offline} otherwise (and always for
     * a user who chose to appear offline).
     */
    public String effectiveStatus() {
        return connected ? status : "offline";
    }

    /** The public profile carried by user events. */
    public UserProfile profile() {
        return new UserProfile(id, username, displayName, avatar, effectiveStatus(), lastSeen, isVerified, createdAt,
                updatedAt);
    }
}
