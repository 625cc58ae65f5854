package dev.parley.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventHeaders;

/**
 * The one way a Parley event becomes a Kafka record, and the producer every service sends it with. The outbox relay
 * and {@link EventSender} (the events no database write goes with) both build their records here.
 *
 * <p>A record is the envelope's JSON on the envelope's topic under its key (the room, or the user), with the
 * documented headers ({@link EventHeaders}: CloudEvents binary mode, {@code event_type}, {@code event_id} and the
 * {@code traceparent} of the trace that caused it, if any).
 */
public final class EventRecords {

    private EventRecords() {
    }

    /** The record of an envelope whose JSON is {@code payload}. */
    public static ProducerRecord<String, String> of(EventEnvelope e, String payload, @Nullable String traceparent) {
        return of(e.topic(), e.key(), payload, e.eventId(), e.type(), e.producer(), e.occurredAt(), traceparent);
    }

    /** The same, from the fields an outbox row keeps. */
    public static ProducerRecord<String, String> of(String topic, @Nullable String key, String payload, UUID eventId,
            String type, String producer, Instant occurredAt, @Nullable String traceparent) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        EventHeaders.write(eventId, type, producer, occurredAt, traceparent,
                (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /**
     * The settings of every Parley producer, over the application's Kafka properties: idempotent with
     * {@code acks=all} (no record lost or written twice by a retry), at most 5 in flight (order kept per partition),
     * string keys and values, and bounded waits (10 s to block or for a request, 30 s to deliver) so that a lost
     * broker is an error, not a hang.
     *
     * @param lingerMs how long a batch may wait for more records: 0 where latency matters most
     */
    public static Map<String, Object> producerConfig(Map<String, Object> kafka, String clientId, int lingerMs) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    /** A producer with {@link #producerConfig}. */
    public static Producer<String, String> producer(Map<String, Object> kafka, String clientId, int lingerMs) {
        return new KafkaProducer<>(producerConfig(kafka, clientId, lingerMs));
    }
}
