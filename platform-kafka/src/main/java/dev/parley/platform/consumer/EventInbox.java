package dev.parley.platform.consumer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
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

    /**
     * As {@link #once} for a batch, in one transaction (one commit instead of one per event): records the ids in
     * one statement, then runs the work of each event not processed before, in the batch's order. Emits how many
     * ran. All or nothing: on a failure nothing of the batch is recorded (the caller may go one by one).
     */
    public <T> Mono<Integer> onceEach(String consumer, List<T> events, Function<T, UUID> idOf,
            Function<T, Mono<?>> work) {
        return onceAll(consumer, events, idOf, fresh -> Flux.fromIterable(fresh).concatMap(work).then());
    }

    /**
     * As {@link #onceEach}, with the work of the batch's new events done in one call (in the batch's order), so
     * that it can write them together. Emits how many were new.
     */
    public <T> Mono<Integer> onceAll(String consumer, List<T> events, Function<T, UUID> idOf,
            Function<List<T>, Mono<?>> work) {
        if (events.isEmpty()) {
            return Mono.just(0);
        }
        UUID[] ids = events.stream().map(idOf).toArray(UUID[]::new);
        Mono<Integer> body = db.sql("""
                        INSERT INTO processed_event (consumer, event_id)
                        SELECT :consumer, id FROM unnest(:ids) AS t(id)
                        ON CONFLICT DO NOTHING RETURNING event_id""")
                .bind("consumer", consumer)
                .bind("ids", ids)
                .map(r -> r.get("event_id", UUID.class)).all()
                .collect(HashSet<UUID>::new, Set::add)
                .flatMap(fresh -> {
                    // an id twice in one batch: its first only
                    List<T> todo = events.stream().filter(e -> fresh.remove(idOf.apply(e))).toList();
                    return work.apply(todo).then(Mono.just(todo.size()));
                });
        return tx.transactional(body);
    }
}
