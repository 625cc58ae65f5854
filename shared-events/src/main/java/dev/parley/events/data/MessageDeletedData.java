package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

/** {@code data} of {@code event.message.delete}: which message (and its author) went, who deleted it, when. */
public record MessageDeletedData(UUID messageId, UUID roomId, UUID userId, UUID deletedBy, Instant deletedAt) {
}
