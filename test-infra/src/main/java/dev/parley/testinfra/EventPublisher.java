package dev.parley.testinfra;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyJson;

/** Publishes envelopes to the test broker the way the outbox relay does: topic, key and headers. */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", TestInfra.kafkaBootstrapServers()), new StringSerializer(),
            new StringSerializer());

    public void publish(EventEnvelope e) {
        ProducerRecord<String, String> r = new ProducerRecord<>(e.topic(), e.key(),
                ParleyJson.mapper().writeValueAsString(e));
        EventHeaders.write(e, null, (name, value) -> r.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(r);
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
