package dev.parley.message.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.parley.events.Times;
import dev.parley.message.MessageProperties;
import dev.parley.platform.lifecycle.PeriodicTask;

/**
 * Removes what uploads leave behind: partial files older than {@code partial-upload-ttl} (an instance that crashed
 * mid-upload; a refused or abandoned upload removes its own at once) and uploads that no message attached within
 * {@code unattached-upload-ttl} (row and file), so that storage holds what the rooms share.
 */
@Component
// only the instances that hold the files sweep them (in Kubernetes: the message-files deployment, README.md: Deploy it on Kubernetes)
@ConditionalOnProperty(name = "parley.messages.file-sweep-enabled",
        havingValue = "true", matchIfMissing = true)
class FileSweeper extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(FileSweeper.class);
    private static final int BATCH = 500;

    private final FileRepository files;
    private final MessageProperties props;
    private final Clock clock;
    private final Counter removed;

    FileSweeper(FileRepository files, MessageProperties props, Clock clock, MeterRegistry meters) {
        super("file sweep", props.fileSweepInterval(), props.fileSweepInterval());
        this.files = files;
        this.props = props;
        this.clock = clock;
        this.removed = Counter.builder("parley.files.swept").description("unattached uploads and partial files removed")
                .register(meters);
    }

    @Override
    protected Mono<?> runOnce() {
        Instant now = Times.now(clock);
        return Mono.fromRunnable(() -> sweepPartials(now.minus(props.partialUploadTtl())))
                .subscribeOn(Schedulers.boundedElastic())
                .then(files.deleteUnattached(now.minus(props.unattachedUploadTtl()), BATCH)
                        .publishOn(Schedulers.boundedElastic())
                        .doOnNext(id -> {
                            FileService.deleteQuietly(props.filesDir().resolve(id.toString()));
                            removed.increment();
                        })
                        .count())
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("removed {} uploads no message attached", n);
                    }
                });
    }

    private void sweepPartials(Instant before) {
        Path dir = props.filesDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().endsWith(FileService.PARTIAL)).forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                        FileService.deleteQuietly(p);
                        removed.increment();
                    }
                } catch (IOException gone) {
                    // removed meanwhile
                }
            });
        } catch (IOException e) {
            log.warn("could not list {}: {}", dir, e.toString());
        }
    }
}
