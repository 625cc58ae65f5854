package dev.parley.events.data;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The {@code user} object embedded in a Message object: {@code id, username, display_name, avatar}. */
public record UserSummary(UUID id, String username, @Nullable String displayName, @Nullable String avatar) {
}
