package dev.parley.message.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.Attachment;
import dev.parley.events.data.FileData;
import dev.parley.events.data.UploadCompleteData;
import dev.parley.events.data.UploadProgressData;
import dev.parley.message.MessageProperties;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.web.ApiError;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ErrorCodes;

/**
 * Uploads stream to the files directory while the uploader receives {@code upload_progress} events (every 10 %),
 * then {@code upload_complete}. Any content type is accepted but those of the deny-list; a file that claims an
 * image or document format with a signature must start with it. Over the size limit or the uploader's storage
 * quota is refused (413), before the body is read when its length says so; a refused, failed or abandoned upload
 * leaves nothing behind ({@link FileSweeper} removes what a crash left, and uploads never attached).
 */
@Service
public class FileService {

    private static final Pattern FILE_URL = Pattern.compile("/api/v1/files/([0-9a-fA-F-]{36})$");

    private final FileRepository files;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final MessageProperties props;
    private final Clock clock;

    public FileService(FileRepository files, Outbox outbox, TransactionalOperator tx, MessageProperties props,
            Clock clock) {
        this.files = files;
        this.outbox = outbox;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
    }

    public static String url(UUID id) {
        return "/api/v1/files/" + id;
    }

    /**
     * Refuses an upload by what is known before its body is read: its length (over the size limit, or what is left
     * of the uploader's quota). Empty when it may go on.
     */
    public Mono<Void> admit(UUID uploader, long requestLength) {
        long max = props.maxFileSize().toBytes();
        if (requestLength > max + MULTIPART_OVERHEAD) {
            return Mono.error(tooLarge());
        }
        return files.usedBy(uploader).flatMap(used -> requestLength > 0
                && used + requestLength - MULTIPART_OVERHEAD > props.storageQuota().toBytes()
                ? Mono.error(overQuota(used)) : Mono.empty());
    }

    public Mono<FileData> upload(UUID uploader, String originalName, MediaType declared, Flux<DataBuffer> parts,
            long requestLength) {
        String contentType = declared == null ? "application/octet-stream"
                : (declared.getType() + "/" + declared.getSubtype()).toLowerCase(Locale.ROOT);
        if (props.deniedTypes().contains(contentType)) {
            parts.subscribe(DataBufferUtils::release, e -> { });
            return Mono.error(new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "File type not allowed", List.of(new ApiError.FieldError("file",
                            "Not allowed: " + String.join(", ", props.deniedTypes())))));
        }
        String filename = sanitize(originalName);
        UUID id = UUID.randomUUID();
        long max = props.maxFileSize().toBytes();
        long total = requestLength > 0 ? requestLength : -1;
        Path dir = props.filesDir();
        Path partial = dir.resolve(id + PARTIAL);
        AtomicLong written = new AtomicLong();
        AtomicInteger reported = new AtomicInteger();
        AtomicInteger chunks = new AtomicInteger();

        Mono<FileData> stored = files.usedBy(uploader).flatMap(used -> {
            long room = props.storageQuota().toBytes() - used;
            Flux<DataBuffer> content = parts.concatMap(buf -> {
                if (chunks.getAndIncrement() == 0 && !signatureMatches(contentType, buf)) {
                    DataBufferUtils.release(buf);
                    return Mono.error(ApiException.validation("file", "The content is not a " + contentType + " file"));
                }
                long now = written.addAndGet(buf.readableByteCount());
                if (now > max) {
                    DataBufferUtils.release(buf);
                    return Mono.error(tooLarge());
                }
                if (now > room) {
                    DataBufferUtils.release(buf);
                    return Mono.error(overQuota(used));
                }
                int percent = total > 0 ? (int) Math.min(99, now * 100 / total) : 0;
                if (percent / 10 > reported.get() / 10) {
                    reported.set(percent);
                    return progress(uploader, id, filename, percent, total, now).thenReturn(buf);
                }
                return Mono.just(buf);
            });
            return Mono.fromCallable(() -> Files.createDirectories(dir)).subscribeOn(Schedulers.boundedElastic())
                    .then(DataBufferUtils.write(content, partial))
                    .then(Mono.fromCallable(() -> Files.move(partial, dir.resolve(id.toString()),
                            StandardCopyOption.ATOMIC_MOVE)).subscribeOn(Schedulers.boundedElastic()))
                    .then(Mono.defer(() -> {
                        Instant at = Times.now(clock);
                        FileRepository.StoredFile file = new FileRepository.StoredFile(id, uploader, filename,
                                contentType, written.get(), at);
                        FileData data = data(file);
                        return tx.transactional(files.insert(file)
                                .then(outbox.append(EventTypes.NOTIFICATION_UPLOAD_COMPLETE, uploader, null, uploader,
                                        new UploadCompleteData(id, data), at)))
                                .thenReturn(data);
                    }));
        });
        // whatever ends the upload but success (a refusal, a fault, the client going away) removes what was
        // written: the partial file, and the file itself when its row could not be written
        AtomicBoolean done = new AtomicBoolean();
        return stored.doOnSuccess(d -> done.set(true))
                .doFinally(signal -> {
                    if (!done.get()) {
                        Schedulers.boundedElastic().schedule(() -> {
                            deleteQuietly(partial);
                            deleteQuietly(dir.resolve(id.toString()));
                        });
                    }
                });
    }

    /** What a multipart body adds to the file it carries (boundaries, part headers), allowed above the limit. */
    static final long MULTIPART_OVERHEAD = 16 * 1024;
    /** The suffix of a file being written. */
    static final String PARTIAL = ".part";

    private ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE, "File too large",
                List.of(new ApiError.FieldError("file", "At most " + props.maxFileSize().toMegabytes() + " MB")));
    }

    private ApiException overQuota(long used) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE, "Storage quota exceeded",
                List.of(new ApiError.FieldError("file", "Your uploads may take at most "
                        + props.storageQuota().toMegabytes() + " MB; " + used / (1024 * 1024) + " MB are used")));
    }

    private Mono<Void> progress(UUID uploader, UUID uploadId, String filename, int percent, long total, long done) {
        return tx.transactional(outbox.append(EventTypes.NOTIFICATION_UPLOAD_PROGRESS, uploader, null, uploader,
                new UploadProgressData(uploadId, filename, percent, total, done))).then();
    }

    /** The image types shown inline (as previews): those whose signature an upload must match. */
    static final Set<String> PREVIEWED = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    static boolean previewed(String contentType) {
        return PREVIEWED.contains(contentType);
    }

    static FileData data(FileRepository.StoredFile f) {
        String type = previewed(f.contentType()) ? "image" : "file";
        return new FileData(f.id(), f.filename(), url(f.id()), type, f.size(), f.contentType());
    }

    /** A stored file the user may download: theirs, or posted in a room they are in. 404 otherwise. */
    public Mono<Download> download(UUID userId, UUID fileId) {
        return files.find(fileId)
                .filterWhen(f -> f.uploaderId().equals(userId) ? Mono.just(true) : files.postedWhereMember(fileId, userId))
                .switchIfEmpty(Mono.error(ApiException.notFound("File not found")))
                .map(f -> new Download(f, props.filesDir().resolve(f.id().toString())));
    }

    public record Download(FileRepository.StoredFile file, Path path) {
    }

    /** Attachments of a message: each must be a file its sender uploaded (by id, or by the url the upload returned). */
    public Mono<List<Attachment>> resolveAttachments(UUID sender, List<AttachmentRequest> requests) {
        List<Mono<Attachment>> resolved = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            AttachmentRequest a = requests.get(i);
            String field = "attachments[" + i + "]";
            UUID id = a == null ? null : a.id() != null ? a.id() : idFromUrl(a.url());
            if (id == null) {
                return Mono.error(ApiException.validation(field, "Attach a file uploaded with POST /api/v1/files"));
            }
            resolved.add(files.find(id).filter(f -> f.uploaderId().equals(sender))
                    .switchIfEmpty(Mono.error(ApiException.validation(field, "Must be a file you uploaded")))
                    .map(f -> {
                        FileData d = data(f);
                        return new Attachment(d.id(), d.filename(), d.url(), d.type(), d.size());
                    }));
        }
        return Flux.concat(resolved).collectList();
    }

    static UUID idFromUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = FILE_URL.matcher(url);
        return m.find() ? UUID.fromString(m.group(1)) : null;
    }

    /** The file's format signature, for the types that have one. */
    static boolean signatureMatches(String contentType, DataBuffer first) {
        byte[] head = new byte[Math.min(12, first.readableByteCount())];
        for (int i = 0; i < head.length; i++) {
            head[i] = first.getByte(first.readPosition() + i);
        }
        return switch (contentType) {
            case "image/png" -> startsWith(head, 0x89, 'P', 'N', 'G');
            case "image/jpeg" -> startsWith(head, 0xFF, 0xD8, 0xFF);
            case "image/gif" -> startsWith(head, 'G', 'I', 'F', '8');
            case "image/webp" -> startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12 && head[8] == 'W'
                    && head[9] == 'E' && head[10] == 'B' && head[11] == 'P';
            case "application/pdf" -> startsWith(head, '%', 'P', 'D', 'F');
            case "application/zip" -> startsWith(head, 'P', 'K');
            default -> true;
        };
    }

    private static boolean startsWith(byte[] head, int... expected) {
        if (head.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** A file name without any path, control characters or quotes, at most 255 characters. */
    static String sanitize(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = base.codePoints().filter(cp -> !Character.isISOControl(cp) && cp != '"')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().trim();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            base = "file";
        }
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing more to do
        }
    }

}
