package dev.parley.testinfra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventHeaders;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.UserSummary;

/** The contract tap that checks every test's events finds what breaks the contract, and only that. */
class ContractTapIT {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", TestInfra.kafkaBootstrapServers()), new StringSerializer(),
            new StringSerializer());

    private static EventEnvelope message(UUID room) {
        UUID user = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-01T12:00:00.123Z");
        MessageData m = new MessageData(UUID.randomUUID(), room, user, "hi", "text", null, List.of(), List.of(),
                new UserSummary(user, "ann", null, null), null, at, at, 1L);
        return EventEnvelope.create(EventTypes.MESSAGE_SEND, "message-service", user, room, user,
                ParleyJson.mapper().valueToTree(m), at).withSeq(1);
    }

    private void send(EventEnvelope e, String value, boolean headers) {
        ProducerRecord<String, String> r = new ProducerRecord<>(e.topic(), e.key(), value);
        if (headers) {
            EventHeaders.write(e, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                    (k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        producer.send(r);
        producer.flush();
    }

    @Test
    void aValidEventPasses() {
        EventEnvelope e = message(UUID.randomUUID());
        send(e, ParleyJson.mapper().writeValueAsString(e), true);
        assertThatCode(ContractTap::assertAllValid).doesNotThrowAnyException();
    }

    @Test
    void dataMissingAFieldOfItsRecordIsAViolation() {
        EventEnvelope e = message(UUID.randomUUID());
        ObjectNode json = ParleyJson.mapper().valueToTree(e);
        ((ObjectNode) json.get("data")).remove("content");
        send(e, json.toString(), true);
        assertThatThrownBy(ContractTap::assertAllValid).hasMessageContaining("content")
                .hasMessageContaining(e.eventId().toString());
    }

    @Test
    void dataOfTheWrongTypeIsAViolation() {
        EventEnvelope e = message(UUID.randomUUID());
        ObjectNode json = ParleyJson.mapper().valueToTree(e);
        ((ObjectNode) json.get("data")).put("room_id", 42);
        send(e, json.toString(), true);
        assertThatThrownBy(ContractTap::assertAllValid).hasMessageContaining("room_id");
    }

    @Test
    void aRecordWithoutCloudEventsHeadersIsAViolation() {
        EventEnvelope e = message(UUID.randomUUID());
        send(e, ParleyJson.mapper().writeValueAsString(e), false);
        assertThatThrownBy(ContractTap::assertAllValid).hasMessageContaining("ce_specversion")
                .hasMessageContaining("ce_source");
    }

    @Test
    void aRecordMarkedAsADeliberateFaultIsNotChecked() {
        ProducerRecord<String, String> r = new ProducerRecord<>("event.message", "k", "{not an envelope");
        r.headers().add(ContractTap.DELIBERATE_FAULT, "poison".getBytes(StandardCharsets.UTF_8));
        producer.send(r);
        producer.flush();
        assertThatCode(ContractTap::assertAllValid).doesNotThrowAnyException();
    }
}
