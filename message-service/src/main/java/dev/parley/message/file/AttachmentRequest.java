package dev.parley.message.file;

import java.util.UUID;

/**
 * An attachment of a Send Message Request: a file the sender uploaded ({@code POST /files}), named by its {@code id}
 * or by the {@code url} the upload returned. The other fields of the guide's shape are taken from the stored file.
 */
public record AttachmentRequest(UUID id, String filename, String url, String type, Long size) {
}
