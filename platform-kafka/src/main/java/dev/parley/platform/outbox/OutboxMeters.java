package dev.parley.platform.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import dev.parley.platform.lifecycle.PeriodicTask;

/**
 * What waits in the outbox, measured every {@link #EVERY} by one indexed query (the partial index of unpublished
 * rows): {@code parley.outbox.backlog} (rows) and {@code parley.outbox.oldest.age} (seconds since the oldest of them
 * committed; 0 when none waits). A relay that stops publishing shows as a growing age long before consumers notice.
 */
public final class OutboxMeters extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(OutboxMeters.class);
    static final Duration EVERY = Duration.ofSeconds(5);

    private record Reading(long rows, double oldestAgeSeconds) {
    }

    private final DatabaseClient db;
    private final AtomicReference<Reading> last = new AtomicReference<>(new Reading(0, 0));

    OutboxMeters(DatabaseClient db, MeterRegistry meters) {
        super("outbox meters", Duration.ZERO, EVERY);
        this.db = db;
        Gauge.builder("parley.outbox.backlog", last, r -> r.get().rows())
                .description("outbox rows not yet published").baseUnit("rows").register(meters);
        Gauge.builder("parley.outbox.oldest.age", last, r -> r.get().oldestAgeSeconds())
                .description("age of the oldest unpublished outbox row").baseUnit("seconds").register(meters);
    }

    @Override
    protected Mono<Reading> runOnce() {
        return db.sql("""
                        SELECT count(*) AS n,
                               COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS age
                        FROM outbox WHERE published_at IS NULL""")
                .map(r -> new Reading(r.get("n", Long.class), r.get("age", Number.class).doubleValue()))
                .one()
                .doOnNext(last::set)
                .onErrorResume(e -> {
                    log.debug("outbox meters not read: {}", e.toString());
                    return Mono.empty();
                });
    }
}
