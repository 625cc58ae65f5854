package dev.parley.events.data;

import java.util.UUID;

/** The {@code user} object embedded in a Message object: {@code id, username, display_name, avatar}. */
public record UserSummary(UUID id, String username, String displayName, String avatar) {
}
