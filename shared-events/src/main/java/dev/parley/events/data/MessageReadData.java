package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * {@code data} of {@code event.message.read}: the reader's read position in a room is now {@code messageId}
 * (created at {@code messageCreatedAt}).
 */
public record MessageReadData(UUID roomId, UUID userId, UUID messageId, @Nullable Instant messageCreatedAt,
        Instant readAt) {
}
