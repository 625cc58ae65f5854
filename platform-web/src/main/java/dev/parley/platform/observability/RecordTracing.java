package dev.parley.platform.observability;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import dev.parley.events.EventHeaders;

/**
 * Trace context across Parley's Kafka records, for the producers and consumers Spring Kafka does not observe itself
 * (the outbox relay's raw producer, the gateway's tails, batch listeners): a span per record, its parent the
 * {@code traceparent} the record carries (W3C Trace Context), and the span's own context written back as the
 * {@code traceparent} of what it produces. Without a tracer (tracing off) every method is a cheap no-op.
 */
public final class RecordTracing {

    private static final Pattern TRACEPARENT = Pattern.compile("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final RecordTracing OFF = new RecordTracing(null, null);

    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;

    public RecordTracing(@Nullable Tracer tracer, @Nullable Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Tracing off. */
    public static RecordTracing off() {
        return OFF;
    }

    public boolean enabled() {
        return tracer != null && propagator != null;
    }

    /** A span, started, and what to end it with. */
    public interface Scope extends AutoCloseable {
        /** The span's context as a {@code traceparent}, or null when not traced. */
        @Nullable String traceparent();

        void error(Throwable t);

        @Override
        void close();
    }

    private static final Scope NONE = new Scope() {
        @Override
        public String traceparent() {
            return null;
        }

        @Override
        public void error(Throwable t) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Starts a span that continues {@code parentTraceparent} (a new trace when null or malformed). {@code kind}: the
     * span's role, e.g. {@link Span.Kind#PRODUCER}. Not put in scope: the caller may end it on another thread.
     */
    public Scope start(String name, Span.Kind kind, @Nullable String parentTraceparent, @Nullable String eventType) {
        if (!enabled()) {
            return NONE;
        }
        Span.Builder builder = parentTraceparent != null && TRACEPARENT.matcher(parentTraceparent).matches()
                ? propagator.extract(parentTraceparent, (carrier, key) -> "traceparent".equals(key) ? carrier : null)
                : tracer.spanBuilder();
        builder.name(name).kind(kind);
        if (eventType != null) {
            builder.tag("parley.event.type", eventType);
        }
        return new SpanScope(builder.start());
    }

    private record SpanScope(Span span) implements Scope {
        @Override
        public String traceparent() {
            return format(span.context());
        }

        @Override
        public void error(Throwable t) {
            span.error(t);
        }

        @Override
        public void close() {
            span.end();
        }
    }

    /** A span in scope on this thread until closed. */
    public interface InScope extends AutoCloseable {
        @Override
        void close();
    }

    /** A consumer span for a record (its parent the record's {@code traceparent}), in scope until closed. */
    public InScope consume(String name, ConsumerRecord<?, ?> record) {
        if (!enabled() || record.headers().lastHeader(EventHeaders.TRACEPARENT) == null) {
            return () -> { }; // an event no trace caused (a heartbeat, presence): no span of its own
        }
        SpanScope scope = (SpanScope) start(name, Span.Kind.CONSUMER,
                header(record.headers(), EventHeaders.TRACEPARENT), header(record.headers(), EventHeaders.CE_TYPE));
        Tracer.SpanInScope inScope = tracer.withSpan(scope.span());
        return () -> {
            inScope.close();
            scope.close();
        };
    }

    /** The {@code traceparent} of the current span (the thread's), or null. */
    public @Nullable String currentTraceparent() {
        if (!enabled()) {
            return null;
        }
        Span span = tracer.currentSpan();
        return span == null ? null : format(span.context());
    }

    /** A span's context as a W3C {@code traceparent}. */
    public static String format(TraceContext context) {
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    public static @Nullable String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
