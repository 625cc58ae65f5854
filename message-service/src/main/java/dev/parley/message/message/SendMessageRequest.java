package dev.parley.message.message;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The guide's Send Message Request. */
public record SendMessageRequest(
        @NotNull(message = "Room id is required")
        UUID roomId,

        @Size(max = MessageRules.MAX_CONTENT_LENGTH, message = "Content must be at most 4000 characters")
        String content,

        @Pattern(regexp = "^(text|image|file)$", message = "Type must be one of text, image, file")
        String type,

        UUID replyTo,

        @Valid
        @Size(max = 10, message = "At most 10 attachments")
        List<AttachmentRequest> attachments) {

    /** An attachment as the guide's client sends it. */
    public record AttachmentRequest(
            @NotNull(message = "Filename is required") @Size(min = 1, max = 255, message = "Filename must be 1 to 255 characters")
            String filename,
            @NotNull(message = "Url is required") @Size(max = 2048, message = "Url is too long")
            @Pattern(regexp = "^https?://\\S+$", message = "Url must be an http(s) URL")
            String url,
            @Pattern(regexp = "^(image|file|video|audio)$", message = "Type must be one of image, file, video, audio")
            String type,
            Long size) {
    }
}
