package dev.parley.platform.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.platform.observability.RecordTracing;

/**
 * Sends the events that no database write goes with (typing, presence, system broadcasts): straight to Kafka,
 * since there is no transaction for an outbox to join. The record is built by {@link EventRecords}, as the outbox
 * relay's are, and carries the trace context of the caller's span, if any.
 */
public class EventSender {

    private final Producer<String, String> producer;
    private final JsonMapper mapper;
    private final RecordTracing tracing;

    public EventSender(Producer<String, String> producer, JsonMapper mapper, RecordTracing tracing) {
        this.producer = producer;
        this.mapper = mapper;
        this.tracing = tracing;
    }

    /** Sends an event; completes when the broker has it, or fails with the producer's error. */
    public Mono<EventEnvelope> send(EventEnvelope e) {
        ProducerRecord<String, String> record = EventRecords.of(e, mapper.writeValueAsString(e),
                tracing.currentTraceparent());
        return Mono.create(sink -> producer.send(record, (meta, ex) -> {
            if (ex != null) {
                sink.error(ex);
            } else {
                sink.success(e);
            }
        }));
    }
}
