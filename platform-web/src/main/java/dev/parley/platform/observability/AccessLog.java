package dev.parley.platform.observability;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * One log line per HTTP request ({@code method path status duration}) with the request's trace and span ids as
 * fields (structured logging writes them as JSON keys), so that an operator finds every service's part of a request
 * by its trace id; and the count of requests refused by a rate limit ({@code parley.http.rate.limited}, by
 * endpoint pattern). The probes are not logged.
 */
final class AccessLog implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("dev.parley.access");
    private static final Set<String> QUIET = Set.of("/livez", "/readyz");

    private final MeterRegistry meters;
    private final boolean enabled;

    AccessLog(MeterRegistry meters, boolean enabled) {
        this.meters = meters;
        this.enabled = enabled;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // after the server observation, so its span is the request's
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> done(exchange, start));
    }

    private void done(ServerWebExchange exchange, long start) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        String path = exchange.getRequest().getPath().value();
        if (code == 429) {
            Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            String endpoint = pattern instanceof PathPattern p ? p.getPatternString()
                    : pattern != null ? pattern.toString() : "other";
            Counter.builder("parley.http.rate.limited").description("requests refused by a rate limit (429)")
                    .tag("endpoint", endpoint).register(meters).increment();
        }
        if (!enabled || QUIET.contains(path)) {
            return;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String traceId = null;
        String spanId = null;
        var observed = ServerRequestObservationContext.findCurrent(exchange.getAttributes());
        if (observed.isPresent()) {
            TracingObservationHandler.TracingContext tracing = observed.get()
                    .get(TracingObservationHandler.TracingContext.class);
            if (tracing != null && tracing.getSpan() != null) {
                traceId = tracing.getSpan().context().traceId();
                spanId = tracing.getSpan().context().spanId();
            }
        }
        log.atInfo().addKeyValue("trace_id", traceId).addKeyValue("span_id", spanId)
                .addKeyValue("http_method", exchange.getRequest().getMethod().name())
                .addKeyValue("http_path", path).addKeyValue("http_status", code).addKeyValue("duration_ms", ms)
                .log("{} {} {} {} ms trace={}", exchange.getRequest().getMethod().name(), path, code, ms, traceId);
    }
}
