package dev.parley.platform.consumer;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Idempotent consumption: records the event id in the same transaction as the work it triggers, so an
 * event delivered twice (Kafka is at-least-once) changes state once.
 */
public class EventInbox {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public EventInbox(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /**
     * Runs {@code work} in one transaction with the record of {@code eventId} for {@code consumer}, unless
     * that consumer already processed it. Emits true when the work ran.
     */
    public Mono<Boolean> once(String consumer, UUID eventId, Supplier<Mono<?>> work) {
        Mono<Boolean> body = db.sql("""
                        INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :eventId)
                        ON CONFLICT DO NOTHING""")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 1 ? work.get().then(Mono.just(true)) : Mono.just(false));
        return tx.transactional(body);
    }
}
