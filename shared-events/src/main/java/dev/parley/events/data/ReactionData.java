package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code data} of {@code event.message.reaction.add/remove}: who added or removed which emoji on which message,
 * and how many of that emoji the message has now (the guide's {@code message_reaction} payload).
 */
public record ReactionData(UUID messageId, UUID roomId, String emoji, String action, UUID userId, int reactionCount,
        Instant at) {
}
