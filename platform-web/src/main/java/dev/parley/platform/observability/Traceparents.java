package dev.parley.platform.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * The {@code traceparent} of the request a reactive chain serves: its server observation's span, read from the
 * Reactor context (no thread-local propagation needed on the hot path).
 */
public final class Traceparents {

    private Traceparents() {
    }

    public static @Nullable String of(ContextView context) {
        Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing = observation.getContextView()
                .get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        return span == null ? null : RecordTracing.format(span.context());
    }
}
