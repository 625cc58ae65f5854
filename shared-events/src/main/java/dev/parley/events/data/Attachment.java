package dev.parley.events.data;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An attachment of a Message object. */
public record Attachment(UUID id, String filename, String url, @Nullable String type, @Nullable Long size) {
}
