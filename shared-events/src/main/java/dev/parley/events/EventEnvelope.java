package dev.parley.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * The value of every record on Parley's topics: a public, versioned contract (schema:
 * {@code dev/parley/events/schema/envelope.schema.json}).
 *
 * @param eventId    unique per event; consumers de-duplicate on it
 * @param type       one of {@link EventTypes}
 * @param level      {@code user}, {@code room}, {@code message}, {@code system} or {@code notification}
 * @param version    version of {@code data}'s shape for this type; starts at 1
 * @param occurredAt when the change happened (UTC)
 * @param producer   the service that wrote it
 * @param actorId    the user who caused it, or null for the system
 * @param roomId     the room it concerns, or null
 * @param userId     the user it concerns (the subject or the target), or null
 * @param data       the full state consumers need, so that they never call back
 * @param seq        for a room's message stream (send, edit, delete, reaction add/remove): the room's sequence
 *                   number, contiguous and in commit order; absent on every other event
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        String level,
        int version,
        Instant occurredAt,
        String producer,
        UUID actorId,
        UUID roomId,
        UUID userId,
        JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long seq) {

    public static final int CURRENT_VERSION = 1;

    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(data, "data");
    }

    /** A new event of the current version, with a fresh id and the level derived from the type. */
    public static EventEnvelope create(String type, String producer, UUID actorId, UUID roomId, UUID userId,
            JsonNode data, Instant occurredAt) {
        return new EventEnvelope(UUID.randomUUID(), type, EventLevel.of(type).wireName(), CURRENT_VERSION,
                occurredAt, producer, actorId, roomId, userId, data, null);
    }

    /** This event as the {@code seq}-th of its room's message stream. */
    public EventEnvelope withSeq(long seq) {
        return new EventEnvelope(eventId, type, level, version, occurredAt, producer, actorId, roomId, userId, data,
                seq);
    }

    /** The topic this event belongs on. */
    public String topic() {
        return Topics.forType(type);
    }

    /** The record key: the aggregate id of the topic, or null for system events. */
    public String key() {
        return switch (topic()) {
            case Topics.USER, Topics.NOTIFICATION, Topics.SESSION_REVOCATION -> userId == null ? null : userId.toString();
            case Topics.ROOM, Topics.MESSAGE, Topics.TYPING, Topics.ROOM_MEMBERSHIP -> roomId == null ? null
                    : roomId.toString();
            default -> null;
        };
    }
}
