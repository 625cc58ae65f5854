package dev.parley.message.core;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.events.data.Attachment;

/** A message as stored; {@code seq} is its send event's number in the room's stream. */
public record Message(UUID id, UUID roomId, UUID userId, String content, String type, UUID replyTo,
        List<Attachment> attachments, Instant editedAt, Instant createdAt, Instant updatedAt, Long seq) {

    Message withSeq(long seq) {
        return new Message(id, roomId, userId, content, type, replyTo, attachments, editedAt, createdAt, updatedAt, seq);
    }
}
