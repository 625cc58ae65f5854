package dev.parley.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param sendLimit     messages one user may send per {@code sendWindow}
 * @param sendWindow    the window of the send rate limit
 * @param typingTimeout how long a typing start holds without a renewal or a stop
 * @param filesDir      where uploaded files are stored (a persistent volume in Kubernetes)
 * @param maxFileSize   largest upload
 * @param allowedTypes  content types an upload may declare
 * @param sendConcurrency sends one instance works on at once; one more is refused at once with 503 and
 *                      {@code Retry-After} instead of queueing (issue #13: overload is refused fast)
 */
@ConfigurationProperties("parley.messages")
public record MessageProperties(Integer sendLimit, Duration sendWindow, Duration typingTimeout, Path filesDir,
        DataSize maxFileSize, List<String> allowedTypes, Integer sendConcurrency) {

    public MessageProperties {
        sendLimit = sendLimit == null ? 20 : sendLimit;
        sendWindow = sendWindow == null ? Duration.ofSeconds(10) : sendWindow;
        typingTimeout = typingTimeout == null ? Duration.ofSeconds(5) : typingTimeout;
        filesDir = filesDir == null ? Path.of(".parley", "files") : filesDir;
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(10) : maxFileSize;
        allowedTypes = allowedTypes == null ? List.of("image/png", "image/jpeg", "image/gif", "image/webp",
                "application/pdf", "text/plain", "application/zip") : List.copyOf(allowedTypes);
        sendConcurrency = sendConcurrency == null ? 32 : sendConcurrency;
    }
}
