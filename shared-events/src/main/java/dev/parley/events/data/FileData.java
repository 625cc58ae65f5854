package dev.parley.events.data;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An uploaded file, as the guide's {@code upload_complete} describes it and as attachments refer to it. */
public record FileData(UUID id, String filename, String url, @Nullable String type, long size, @Nullable String mimeType) {
}
