package dev.parley.events.data;

import java.util.List;
import java.util.UUID;

/** A reaction summary of a Message object. {@code user_reacted} is relative to the reader. */
public record Reaction(String emoji, int count, List<UUID> users, boolean userReacted) {
}
