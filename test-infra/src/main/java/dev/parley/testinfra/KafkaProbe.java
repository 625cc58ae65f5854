package dev.parley.testinfra;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyJson;

/**
 * Reads what services publish, from the moment it is opened: a real consumer in a group of its own.
 * Poll it from an Awaitility condition.
 */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    private KafkaProbe(String bootstrap, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(topics);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(consumer::position);
    }

    /** Subscribes to {@code topics} on the test broker; sees only records written after this returns. */
    public static KafkaProbe open(String... topics) {
        return new KafkaProbe(TestInfra.kafkaBootstrapServers(), List.of(topics));
    }

    public static KafkaProbe open(String bootstrap, List<String> topics) {
        return new KafkaProbe(bootstrap, topics);
    }

    /** Polls once and returns everything received so far. */
    public synchronized List<ConsumerRecord<String, String>> records() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
            records.add(r);
        }
        return List.copyOf(records);
    }

    public List<ConsumerRecord<String, String>> records(Predicate<ConsumerRecord<String, String>> filter) {
        return records().stream().filter(filter).toList();
    }

    /**
     * The events of a type under a record key (a room's, or a user's for notifications), oldest first, each checked
     * against the envelope's JSON Schema.
     */
    public List<EventEnvelope> events(String key, String type) {
        return records(r -> key.equals(r.key()) && type.equals(header(r, EventHeaders.EVENT_TYPE))).stream()
                .map(ConsumerRecord::value)
                .peek(v -> JsonSchemas.assertMatches("dev/parley/events/schema/envelope.schema.json", v))
                .map(v -> ParleyJson.mapper().readValue(v, EventEnvelope.class)).toList();
    }

    /** The latest such event, once there is one (at most 20 s). */
    public EventEnvelope awaitEvent(String key, String type) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(key, type).isEmpty());
        List<EventEnvelope> all = events(key, type);
        return all.get(all.size() - 1);
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
