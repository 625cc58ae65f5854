package dev.parley.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracing and logs of every Parley service: the access log with trace ids ({@link AccessLog}), the trace context of
 * Kafka records ({@link RecordTracing}), and, where no tracing backend collects spans (a developer's machine, the
 * tests), every finished span written to the log ({@code parley.tracing.log-spans=true}). Spans go to an OTLP
 * collector when {@code management.opentelemetry.tracing.export.otlp.endpoint} is set (docs/observability.md).
 */
@AutoConfiguration
public class ParleyObservabilityAutoConfiguration {

    @Bean
    RecordTracing recordTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new RecordTracing(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    AccessLog accessLog(MeterRegistry meters, @Value("${parley.http.access-log:true}") boolean enabled) {
        return new AccessLog(meters, enabled);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LoggingSpanExporter.class)
    @ConditionalOnProperty(name = "parley.tracing.log-spans", havingValue = "true")
    static class SpanLog {
        /** Every finished span as a log line (logger io.opentelemetry.exporter.logging.LoggingSpanExporter). */
        @Bean
        LoggingSpanExporter loggingSpanExporter() {
            return LoggingSpanExporter.create();
        }
    }
}
