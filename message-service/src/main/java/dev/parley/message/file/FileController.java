package dev.parley.message.file;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.events.data.FileData;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ApiResponse;

@RestController
@RequestMapping("/api/v1/files")
class FileController {

    private final FileService files;

    public FileController(FileService files) {
        this.files = files;
    }

    /**
     * Multipart upload, part {@code file}, read as it streams in (so that progress is real). The response is the
     * attachment object messages refer to.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<FileData>> upload(@AuthenticationPrincipal Jwt jwt, @RequestBody Flux<PartEvent> events,
            ServerHttpRequest request) {
        UUID uploader = UUID.fromString(jwt.getSubject());
        long length = request.getHeaders().getContentLength();
        // a declared length over the limit or the quota is refused before a byte of the body is read
        return files.admit(uploader, length).then(events.windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, rest) -> {
                    if (first.get() instanceof FilePartEvent file && "file".equals(file.name())) {
                        return files.upload(uploader, file.filename(), file.headers().getContentType(),
                                rest.map(PartEvent::content), length).map(Optional::of);
                    }
                    return rest.doOnNext(e -> DataBufferUtils.release(e.content())).then(Mono.just(Optional.<FileData>empty()));
                }))
                .filter(Optional::isPresent).map(Optional::get)
                .next()
                .switchIfEmpty(Mono.error(ApiException.validation("file", "A multipart part named file is required"))))
                .map(d -> ApiResponse.ok("File uploaded", d));
    }

    /**
     * A file, to the uploader or a member of a room where a live message attaches it. Served as a download
     * ({@code attachment}), but for the image types whose signature the upload matched, which may be shown inline;
     * never sniffed, and sandboxed should a browser render it anyway.
     */
    @GetMapping("/{id}")
    public Mono<ResponseEntity<Flux<DataBuffer>>> download(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return files.download(UUID.fromString(jwt.getSubject()), id).map(d -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(d.file().contentType()))
                .contentLength(d.file().size())
                .header(HttpHeaders.CONTENT_DISPOSITION, (FileService.previewed(d.file().contentType())
                        ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(d.file().filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(DataBufferUtils.read(d.path(), DefaultDataBufferFactory.sharedInstance, 64 * 1024)));
    }
}
