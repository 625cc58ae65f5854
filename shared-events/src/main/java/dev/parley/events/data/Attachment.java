package dev.parley.events.data;

import java.util.UUID;

/** An attachment of a Message object. */
public record Attachment(UUID id, String filename, String url, String type, Long size) {
}
