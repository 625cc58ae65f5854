package dev.parley.events.data;

import java.util.UUID;

/** {@code data} of {@code event.notification.upload.complete} (keyed by the uploader). */
public record UploadCompleteData(UUID uploadId, FileData file) {
}
