package dev.parley.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventCatalog;
import dev.parley.events.EventEnvelope;
import dev.parley.events.Times;
import dev.parley.platform.observability.Traceparents;

/**
 * Records events in the caller's database transaction. Call {@link #append} inside the same reactive
 * transaction as the state change: both commit, or neither does.
 *
 * <p>Before inserting, {@code append} takes a transaction-scoped advisory lock on the record key, so
 * that the writers of one key (one room, one user) commit in the order of their outbox ids. The relay
 * publishes in id order, so a key's events reach Kafka in commit order.
 */
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper mapper;
    private final String producer;

    public Outbox(DatabaseClient db, JsonMapper mapper, String producer) {
        this.db = db;
        this.mapper = mapper;
        this.producer = producer;
    }

    /** The service name written into envelopes. */
    public String producer() {
        return producer;
    }

    /** Builds an envelope of this producer and appends it. */
    public Mono<EventEnvelope> append(String type, UUID actorId, UUID roomId, UUID userId, Object data) {
        return append(type, actorId, roomId, userId, data, Times.now());
    }

    public Mono<EventEnvelope> append(String type, UUID actorId, UUID roomId, UUID userId, Object data,
            Instant occurredAt) {
        EventCatalog.requireData(type, data);
        EventEnvelope envelope = EventEnvelope.create(type, producer, actorId, roomId, userId,
                mapper.valueToTree(data), occurredAt);
        return append(envelope).thenReturn(envelope);
    }

    /**
     * A CTE that takes the transaction-scoped lock of the record key bound as {@code :key} (e.g. a room id):
     * {@code LOCK_KEY + " INSERT ... SELECT ... FROM locked"} locks before it writes, in one statement. A writer
     * that also numbers rows of that aggregate (a message sequence) takes it first, so its numbers follow commit
     * order too; {@link #append} takes the same lock again for free.
     */
    public static final String LOCK_KEY = "WITH locked AS (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0)))";

    /**
     * Completes with true once every outbox row committed before this call has been published to Kafka, or with
     * false after {@code max}. A service that answers a write only after this makes "the response arrived" imply
     * "its events are in Kafka", which consumers can then wait for by log position (ADR 0008). Rows of
     * transactions still open (a smaller id may commit later) are not waited for: they are not before this call.
     */
    public Mono<Boolean> awaitPublished(Duration max) {
        return db.sql("SELECT max(id) AS m FROM outbox WHERE published_at IS NULL")
                .map(r -> Optional.ofNullable(r.get("m", Long.class))).one()
                .flatMap(maxId -> maxId.isEmpty() ? Mono.just(true) : Flux.interval(Duration.ZERO, PUBLISHED_POLL).onBackpressureDrop()
                        .concatMap(tick -> db.sql("""
                                        SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL AND id <= :m) AS p""")
                                .bind("m", maxId.get()).map(r -> Boolean.TRUE.equals(r.get("p", Boolean.class))).one())
                        .filter(pending -> !pending)
                        .next()
                        .thenReturn(true)
                        .timeout(max, Mono.just(false)));
    }

    private static final Duration PUBLISHED_POLL = Duration.ofMillis(3);

    /**
     * Appends an envelope: the key's lock and the insert in one statement (one round trip), the lock taken first
     * (a CTE the insert reads from), so that a key's rows commit in id order.
     */
    public Mono<Void> append(EventEnvelope envelope) {
        String key = envelope.key();
        String payload = mapper.writeValueAsString(envelope);
        // the trace context of the request that caused the event (its server span, from the Reactor context): the
        // relay's publish span continues it, and the record carries it on (traceparent)
        return Mono.deferContextual(context -> {
            String traceparent = Traceparents.of(context);
            DatabaseClient.GenericExecuteSpec insert = db.sql(key == null ? """
                    INSERT INTO outbox (event_id, topic, record_key, event_type, payload, created_at, traceparent)
                    VALUES (:eventId, :topic, NULL, :type, :payload, :occurredAt, :traceparent)""" : """
                    %s
                    INSERT INTO outbox (event_id, topic, record_key, event_type, payload, created_at, traceparent)
                    SELECT :eventId, :topic, :key, :type, :payload, :occurredAt, :traceparent FROM locked"""
                    .formatted(LOCK_KEY))
                    .bind("eventId", envelope.eventId())
                    .bind("topic", envelope.topic())
                    .bind("type", envelope.type())
                    .bind("payload", payload)
                    // the row's time is the event's: the relay writes it as ce_time and measures its latency from it
                    .bind("occurredAt", envelope.occurredAt());
            insert = traceparent == null ? insert.bindNull("traceparent", String.class)
                    : insert.bind("traceparent", traceparent);
            if (key != null) {
                insert = insert.bind("key", key);
            }
            return insert.fetch().rowsUpdated().then();
        });
    }
}
