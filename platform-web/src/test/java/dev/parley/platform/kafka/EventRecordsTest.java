package dev.parley.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.Topics;

class EventRecordsTest {

    @Test
    void aRecordIsTheEnvelopeOnItsTopicUnderItsKeyWithTheDocumentedHeaders() {
        UUID room = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        EventEnvelope e = EventEnvelope.create(EventTypes.USER_TYPING_START, "message-service", user, room, user,
                JsonMapper.builder().build().createObjectNode(), Instant.parse("2026-12-03T10:00:00Z"));
        String traceparent = "00-0123456789abcdef0123456789abcdef-0123456789abcdef-01";

        ProducerRecord<String, String> record = EventRecords.of(e, "{}", traceparent);

        assertThat(record.topic()).isEqualTo(Topics.TYPING);
        assertThat(record.key()).isEqualTo(room.toString());
        assertThat(record.value()).isEqualTo("{}");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(e.eventId().toString());
        assertThat(header(record, "ce_type")).isEqualTo(EventTypes.USER_TYPING_START);
        assertThat(header(record, "ce_source")).isEqualTo("/parley/message-service");
        assertThat(header(record, "ce_time")).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(header(record, "event_type")).isEqualTo(EventTypes.USER_TYPING_START);
        assertThat(header(record, "event_id")).isEqualTo(e.eventId().toString());
        assertThat(header(record, "traceparent")).isEqualTo(traceparent);
        assertThat(EventRecords.of(e, "{}", null).headers().lastHeader("traceparent")).isNull();
    }

    @Test
    void everyProducerIsIdempotentWithAllAcksAndBoundedWaits() {
        Map<String, Object> config = EventRecords.producerConfig(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092", ProducerConfig.ACKS_CONFIG, "1"),
                "room-service-outbox", 5);

        assertThat(config).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "room-service-outbox")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
