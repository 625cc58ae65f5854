package dev.parley.events.data;

import java.util.UUID;

/** {@code data} of {@code event.notification.upload.progress} (keyed by the uploader). */
public record UploadProgressData(UUID uploadId, String filename, int progress, long totalSize, long uploadedSize) {
}
