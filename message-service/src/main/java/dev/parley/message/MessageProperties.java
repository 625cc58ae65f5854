package dev.parley.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param sendLimit     messages one user may send per {@code sendWindow}; 0 turns the limit off
 * @param sendWindow    the window of the send rate limit
 * @param filesDir      where uploaded files are stored (a persistent volume in Kubernetes)
 * @param maxFileSize   largest upload
 * @param deniedTypes   content types an upload may not declare (any other is accepted, and served as a download)
 * @param unattachedUploadTtl how long an upload no message attached is kept before it is removed
 * @param storageQuota  what one user's uploads may take in all
 * @param partialUploadTtl how old a partial upload's file (a crash's leftover) must be to be swept
 * @param fileSweepInterval how often unattached uploads and partial files are swept
 * @param sendConcurrency sends one instance works on at once; one more is refused at once with 503 and
 *                      {@code Retry-After} instead of queueing (issue #13: overload is refused fast)
 */
@ConfigurationProperties("parley.messages")
public record MessageProperties(Integer sendLimit, Duration sendWindow, Path filesDir,
        DataSize maxFileSize, List<String> deniedTypes, Integer sendConcurrency, Duration unattachedUploadTtl,
        DataSize storageQuota, Duration partialUploadTtl, Duration fileSweepInterval) {

    public MessageProperties {
        sendLimit = sendLimit == null ? 20 : sendLimit;
        sendWindow = sendWindow == null ? Duration.ofSeconds(10) : sendWindow;
        filesDir = filesDir == null ? Path.of(".parley", "files") : filesDir;
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(10) : maxFileSize;
        deniedTypes = deniedTypes == null ? List.of()
                : deniedTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
        sendConcurrency = sendConcurrency == null ? 32 : sendConcurrency;
        unattachedUploadTtl = unattachedUploadTtl == null ? Duration.ofHours(24) : unattachedUploadTtl;
        storageQuota = storageQuota == null ? DataSize.ofGigabytes(1) : storageQuota;
        partialUploadTtl = partialUploadTtl == null ? Duration.ofHours(1) : partialUploadTtl;
        fileSweepInterval = fileSweepInterval == null ? Duration.ofMinutes(10) : fileSweepInterval;
    }
}
