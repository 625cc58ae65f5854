package dev.parley.message.stream;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventCatalog;
import dev.parley.events.EventEnvelope;
import dev.parley.platform.observability.Traceparents;
import dev.parley.platform.outbox.Outbox;

/**
 * A room's message stream: every send, edit, delete and reaction change of a room gets the room's next
 * {@code seq} (contiguous, in commit order) and is written to the outbox and to {@code room_stream} in the
 * caller's transaction. {@code room_stream} keeps the events for the recovery window, so that a client that
 * reconnects can be given exactly what it missed (ADR 0009).
 */
@Component
public class RoomStream {

    private final Outbox outbox;
    private final DatabaseClient db;
    private final JsonMapper mapper;

    RoomStream(Outbox outbox, DatabaseClient db, JsonMapper mapper) {
        this.outbox = outbox;
        this.db = db;
        this.mapper = mapper;
    }

    /**
     * The room's next seq. Takes the room's lock first ({@link Outbox#LOCK_KEY}, the one {@link Outbox#append}
     * takes too, so the order of locks is the same on every path), then the counter's row, in one statement; both
     * are held until the transaction ends: seq order is commit order.
     */
    public Mono<Long> next(UUID roomId) {
        // the lock and the counter in one statement (one round trip): the CTE takes the lock before the upsert
        return db.sql(Outbox.LOCK_KEY + """
                         INSERT INTO room_stream_seq (room_id, last_seq) SELECT :room, 1 FROM locked
                        ON CONFLICT (room_id) DO UPDATE SET last_seq = room_stream_seq.last_seq + 1
                        RETURNING last_seq""")
                .bind("key", roomId.toString()).bind("room", roomId)
                .map(r -> r.get("last_seq", Long.class)).one();
    }

    /** Records the event numbered {@code seq} (from {@link #next}) in the outbox and the stream. */
    public Mono<EventEnvelope> append(long seq, String type, UUID actorId, UUID roomId, UUID userId, Object data,
            Instant at) {
        EventCatalog.requireData(type, data);
        EventEnvelope event = EventEnvelope.create(type, outbox.producer(), actorId, roomId, userId,
                mapper.valueToTree(data), at).withSeq(seq);
        return outbox.append(event)
                .then(db.sql("""
                                INSERT INTO room_stream (room_id, seq, event_id, envelope, occurred_at)
                                VALUES (:room, :seq, :id, :envelope, :at)""")
                        .bind("room", roomId).bind("seq", seq).bind("id", event.eventId())
                        .bind("envelope", mapper.writeValueAsString(event)).bind("at", at)
                        .fetch().rowsUpdated())
                .thenReturn(event);
    }

    /** The seq an event is serialised with before its number is known ({@link #appendWith}). */
    public static final long UNNUMBERED = -1;

    /**
     * A row a numbered event belongs with, as one step of {@link #appendWith}'s statement: an
     * {@code INSERT ... SELECT ... FROM seq} that takes the number from {@code seq.last_seq}, and its bindings
     * (whose names must not start with {@code s_}).
     */
    public record Row(String insert, UnaryOperator<DatabaseClient.GenericExecuteSpec> bind) {
    }

    /**
     * {@link #next}, {@code row}, the outbox row and the stream row in one statement: one round trip, its own
     * transaction, the room's lock held only while it runs (issue #13). {@code data} is serialised with
     * {@code seq} {@link #UNNUMBERED} in the envelope and in the data; the statement writes the number into the
     * JSON text: {@code "seq":-1} can only be those two fields, since a quote inside a JSON string is always
     * escaped. Completes with the seq.
     */
    public Mono<Long> appendWith(Row row, String type, UUID actorId, UUID roomId, UUID userId, Object data,
            Instant at) {
        EventCatalog.requireData(type, data);
        EventEnvelope event = EventEnvelope.create(type, outbox.producer(), actorId, roomId, userId,
                mapper.valueToTree(data), at).withSeq(UNNUMBERED);
        String envelope = mapper.writeValueAsString(event);
        String placeholder = "\"seq\":" + UNNUMBERED;
        if (!roomId.toString().equals(event.key()) || envelope.indexOf(placeholder) < 0) {
            throw new IllegalStateException("a room-stream event is keyed by its room and carries its seq");
        }
        String sql = """
                WITH locked AS (SELECT pg_advisory_xact_lock(hashtextextended(:s_key, 0))),
                seq AS (INSERT INTO room_stream_seq (room_id, last_seq) SELECT :s_room, 1 FROM locked
                        ON CONFLICT (room_id) DO UPDATE SET last_seq = room_stream_seq.last_seq + 1
                        RETURNING last_seq),
                row_written AS (%s),
                numbered AS (SELECT last_seq, replace(:s_envelope, '%s', '"seq":' || last_seq) AS envelope FROM seq),
                outboxed AS (INSERT INTO outbox (event_id, topic, record_key, event_type, payload, created_at,
                                                 traceparent)
                             SELECT :s_event, :s_topic, :s_key, :s_type, envelope, :s_at, :s_trace FROM numbered),
                streamed AS (INSERT INTO room_stream (room_id, seq, event_id, envelope, occurred_at)
                             SELECT :s_room, last_seq, :s_event, envelope, :s_at FROM numbered)
                SELECT last_seq FROM numbered""".formatted(row.insert(), placeholder);
        return Mono.deferContextual(context -> {
            String traceparent = Traceparents.of(context); // the request's trace, carried on by the relay
            DatabaseClient.GenericExecuteSpec spec = db.sql(sql)
                    .bind("s_key", event.key()).bind("s_room", roomId).bind("s_envelope", envelope)
                    .bind("s_event", event.eventId()).bind("s_topic", event.topic()).bind("s_type", event.type())
                    .bind("s_at", at);
            spec = traceparent == null ? spec.bindNull("s_trace", String.class) : spec.bind("s_trace", traceparent);
            return row.bind().apply(spec).map(r -> r.get("last_seq", Long.class)).one();
        });
    }

    /** Numbers and records an event in one step. */
    public Mono<EventEnvelope> append(String type, UUID actorId, UUID roomId, UUID userId, Object data, Instant at) {
        return next(roomId).flatMap(seq -> append(seq, type, actorId, roomId, userId, data, at));
    }

    /**
     * Up to {@code limit} events of a room with seq greater than {@code afterSeq}, in seq order, with the
     * stream's bounds: {@code oldestSeq} is the oldest still retained (null when none is), {@code latestSeq} the
     * newest ever numbered (0 for a room without events).
     */
    public Mono<Slice> after(UUID roomId, long afterSeq, int limit) {
        Mono<List<EventEnvelope>> events = db.sql("""
                        SELECT envelope FROM room_stream WHERE room_id = :room AND seq > :after
                        ORDER BY seq LIMIT :limit""")
                .bind("room", roomId).bind("after", afterSeq).bind("limit", limit)
                .map(r -> mapper.readValue(r.get("envelope", String.class), EventEnvelope.class)).all().collectList();
        Mono<long[]> bounds = db.sql("""
                        SELECT (SELECT min(seq) FROM room_stream WHERE room_id = :room) AS oldest,
                               (SELECT last_seq FROM room_stream_seq WHERE room_id = :room) AS latest""")
                .bind("room", roomId)
                .map(r -> {
                    Long oldest = r.get("oldest", Long.class);
                    Long latest = r.get("latest", Long.class);
                    return new long[] {oldest == null ? -1 : oldest, latest == null ? 0 : latest};
                }).one();
        return Mono.zip(bounds, events).map(t -> new Slice(t.getT2(), t.getT1()[0] < 0 ? null : t.getT1()[0],
                t.getT1()[1]));
    }

    /** Forgets the events that occurred before an instant (the recovery window's end). */
    public Mono<Long> forgetBefore(Instant before) {
        return db.sql("DELETE FROM room_stream WHERE occurred_at < :before").bind("before", before)
                .fetch().rowsUpdated();
    }

    /** A part of a room's stream. */
    public record Slice(List<EventEnvelope> events, Long oldestSeq, long latestSeq) {
    }
}
