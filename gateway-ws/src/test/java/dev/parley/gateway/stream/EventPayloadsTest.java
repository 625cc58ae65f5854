package dev.parley.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.UserSummary;
import dev.parley.testinfra.JsonSchemas;

class EventPayloadsTest {

    private final EventPayloads payloads = new EventPayloads(ParleyJson.mapper());

    @Test
    void aSentMessageBecomesTheGuidesMessagePayload() {
        UUID room = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-01T12:00:00Z");
        MessageData m = new MessageData(UUID.randomUUID(), room, user, "Hello everyone!", "text", null, List.of(),
                List.of(), new UserSummary(user, "john_doe", "John Doe", "https://example.com/a.jpg"), null, at, at);
        EventEnvelope e = EventEnvelope.create(EventTypes.MESSAGE_SEND, "message-service", user, room, user,
                ParleyJson.mapper().valueToTree(m), at);

        String frame = payloads.toFrame(e).orElseThrow();

        JsonSchemas.assertMatches("schemas/ws/message.schema.json", frame);
        assertThat(frame).contains("\"type\":\"message\"").contains("\"event_type\":\"event.message.send\"")
                .contains("\"timestamp\":\"2026-01-01T12:00:00Z\"").contains("\"event_id\":\"" + e.eventId() + "\"");
    }

    @Test
    void eventsWithoutARowAreNotPushed() {
        EventEnvelope e = EventEnvelope.create(EventTypes.MESSAGE_READ, "message-service", null, UUID.randomUUID(),
                null, ParleyJson.mapper().createObjectNode(), Instant.now());
        assertThat(payloads.toFrame(e)).isEmpty();
        assertThat(payloads.handles(EventTypes.MESSAGE_SEND)).isTrue();
    }
}
