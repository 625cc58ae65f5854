package dev.parley.message.core;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.parley.message.file.AttachmentRequest;

/**
 * The guide's Send Message Request, plus an optional {@code client_message_id}: a retried send with the same id
 * returns the original message.
 */
record SendMessageRequest(
        @NotNull(message = "Room id is required")
        UUID roomId,

        @Size(max = MessageRules.MAX_CONTENT_LENGTH, message = "Content must be at most 4000 characters")
        String content,

        @Pattern(regexp = "^(text|image|file)$", message = "Type must be one of text, image, file")
        String type,

        UUID replyTo,

        @Size(max = 10, message = "At most 10 attachments")
        List<@Valid AttachmentRequest> attachments,

        @Size(min = 1, max = 64, message = "Client message id must be 1 to 64 characters")
        String clientMessageId) {
}
