package dev.parley.events.data;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The guide's Message object. It is also the {@code data} of {@code event.message.send}: the whole
 * message, with its author's {@code user} object, so that no consumer calls back. {@code seq} is the room
 * stream's sequence number of the message's send event (null for messages older than sequence numbers).
 */
public record MessageData(
        UUID id,
        UUID roomId,
        UUID userId,
        String content,
        String type,
        @Nullable UUID replyTo,
        List<Attachment> attachments,
        List<Reaction> reactions,
        @Nullable UserSummary user,
        @Nullable Instant editedAt,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Long seq) {
}
