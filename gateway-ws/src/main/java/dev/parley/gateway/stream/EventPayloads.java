package dev.parley.gateway.stream;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;

/**
 * The one table from a Kafka event type to the guide's WebSocket payload. Every payload carries the
 * guide's fields plus {@code event_type}, the backend constant. Types without a row are not pushed.
 */
public final class EventPayloads {

    private final JsonMapper mapper;
    private final Map<String, BiFunction<EventEnvelope, ObjectNode, ObjectNode>> table;

    public EventPayloads(JsonMapper mapper) {
        this.mapper = mapper;
        this.table = Map.of(
                EventTypes.MESSAGE_SEND, (e, out) -> out
                        .put("type", "message")
                        .put("event_type", e.type())
                        .put("event_id", e.eventId().toString())
                        .put("room_id", e.roomId().toString())
                        .<ObjectNode>set("message", e.data())
                        .put("timestamp", e.occurredAt().toString()));
    }

    /** The payload for an event, or empty when the event is not pushed to sockets. */
    public Optional<String> toFrame(EventEnvelope event) {
        BiFunction<EventEnvelope, ObjectNode, ObjectNode> row = table.get(event.type());
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(mapper.writeValueAsString(row.apply(event, mapper.createObjectNode())));
    }

    public boolean handles(String type) {
        return table.containsKey(type);
    }
}
