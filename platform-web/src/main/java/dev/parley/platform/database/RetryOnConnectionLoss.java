package dev.parley.platform.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a request once more when PostgreSQL lost the connection it ran on (issue #14: terminated connections gave
 * sends 500). What ran on the lost connection did not commit (PostgreSQL rolls an interrupted transaction back), so
 * the second run, on a connection the pool validated, is the request's only effect; only the reply to a commit can
 * be lost after it happened, which a send's {@code client_message_id} then resolves. A request is run again only
 * when its body can be replayed (none, or a declared length of at most {@link #MAX_REPLAYED_BODY} that is not a
 * multipart upload) and no byte of the answer was written; otherwise, and when the second run fails too, the error
 * handler answers 503 with {@code Retry-After}.
 *
 * <p>Written here rather than taken from a library: the retry must sit around the whole request (any repository,
 * inside or outside a transaction), which neither r2dbc-pool nor Spring's transaction support offer; resilience4j's
 * retry would still need the body kept, which is what this filter adds.
 */
public class RetryOnConnectionLoss implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RetryOnConnectionLoss.class);
    /** The largest body kept to run a request again: the JSON bodies of the API are far smaller. */
    static final int MAX_REPLAYED_BODY = 256 * 1024;
    private static final byte[] NONE = new byte[0];

    private final Counter retries;

    public RetryOnConnectionLoss(MeterRegistry meters) {
        this.retries = Counter.builder("parley.db.request.retries")
                .description("requests run again because PostgreSQL lost their connection").register(meters);
    }

    /** After Spring Security (-100): authentication is not run twice. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        boolean chunked = headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        MediaType type = headers.getContentType();
        if (chunked || length > MAX_REPLAYED_BODY
                || (type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type))) {
            return chain.filter(exchange);
        }
        Mono<byte[]> body = length <= 0 ? Mono.just(NONE)
                : DataBufferUtils.join(request.getBody(), MAX_REPLAYED_BODY).map(RetryOnConnectionLoss::bytes)
                        .defaultIfEmpty(NONE);
        return body.flatMap(bytes -> run(exchange, chain, bytes)
                .onErrorResume(e -> DatabaseFaults.connectionLost(e) && !exchange.getResponse().isCommitted(), e -> {
                    retries.increment();
                    log.info("{} {}: PostgreSQL lost the connection ({}); running it once more",
                            request.getMethod(), request.getPath(), e.toString());
                    return run(exchange, chain, bytes);
                }));
    }

    private static Mono<Void> run(ServerWebExchange exchange, WebFilterChain chain, byte[] body) {
        ServerHttpRequest replayable = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body.length == 0 ? Flux.empty()
                        : Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        return chain.filter(exchange.mutate().request(replayable).build());
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
