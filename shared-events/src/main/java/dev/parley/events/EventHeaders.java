package dev.parley.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The headers of every record on Parley's topics: the CloudEvents Kafka protocol binding (binary content mode: the
 * record value is the envelope, its attributes are {@code ce_*} headers), Parley's own {@code event_type} and
 * {@code event_id} (kept for consumers written before CloudEvents), and W3C {@code traceparent} when the event was
 * caused inside a trace. Values are UTF-8 strings; no header ever carries a Java class name.
 *
 * <table>
 *   <caption>CloudEvents attribute ← envelope field</caption>
 *   <tr><td>{@code ce_specversion}</td><td>{@code 1.0}</td></tr>
 *   <tr><td>{@code ce_id}</td><td>{@code event_id}</td></tr>
 *   <tr><td>{@code ce_type}</td><td>{@code type}</td></tr>
 *   <tr><td>{@code ce_source}</td><td>{@code /parley/<producer>}</td></tr>
 *   <tr><td>{@code ce_time}</td><td>{@code occurred_at}</td></tr>
 *   <tr><td>{@code content-type}</td><td>{@code application/json}</td></tr>
 * </table>
 */
public final class EventHeaders {

    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String EVENT_TYPE = Topics.Headers.EVENT_TYPE;
    public static final String EVENT_ID = Topics.Headers.EVENT_ID;
    public static final String TRACEPARENT = Topics.Headers.TRACEPARENT;

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    private EventHeaders() {
    }

    /** The CloudEvents source of a producer: {@code /parley/message-service}. */
    public static String source(String producer) {
        return "/parley/" + producer;
    }

    /** Hands every header of an event's record to {@code header}, in order. */
    public static void write(EventEnvelope e, @Nullable String traceparent, BiConsumer<String, String> header) {
        write(e.eventId(), e.type(), e.producer(), e.occurredAt(), traceparent, header);
    }

    /** The same, from the fields an outbox row keeps. */
    public static void write(UUID eventId, String type, String producer, Instant occurredAt,
            @Nullable String traceparent, BiConsumer<String, String> header) {
        Objects.requireNonNull(eventId, "eventId");
        String id = eventId.toString();
        header.accept(CE_SPECVERSION, SPEC_VERSION);
        header.accept(CE_ID, id);
        header.accept(CE_TYPE, type);
        header.accept(CE_SOURCE, source(producer));
        header.accept(CE_TIME, occurredAt.toString()); // ISO-8601 UTC, as in the envelope
        header.accept(CONTENT_TYPE, JSON);
        header.accept(EVENT_TYPE, type);
        header.accept(EVENT_ID, id);
        if (traceparent != null) {
            header.accept(TRACEPARENT, traceparent);
        }
    }
}
