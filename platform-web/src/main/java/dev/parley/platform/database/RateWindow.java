package dev.parley.platform.database;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A limit of {@code limit} actions per key in any {@code window} (a sliding window), across all replicas, taken
 * atomically: one conditional upsert of the key's row (the times of its actions within the window, at most
 * {@code limit} of them) both checks and records, and PostgreSQL's row lock serialises one key's concurrent takes
 * (issue #14: a count read beside the write let 45 of 50 concurrent sends through a limit of 20). The table is the
 * caller's: {@code (<key column> PRIMARY KEY, recent TIMESTAMPTZ[] NOT NULL)}.
 */
public final class RateWindow {

    private final DatabaseClient db;
    private final String take;
    private final String oldest;

    /** @param table and {@code keyColumn}: constants of the caller, never input */
    public RateWindow(DatabaseClient db, String table, String keyColumn) {
        this.db = db;
        this.take = """
                INSERT INTO %1$s (%2$s, recent) VALUES (:key, ARRAY[:now])
                ON CONFLICT (%2$s) DO UPDATE
                   SET recent = ARRAY(SELECT t FROM unnest(%1$s.recent) AS t WHERE t > :since ORDER BY t) || :now
                 WHERE (SELECT count(*) FROM unnest(%1$s.recent) AS t WHERE t > :since) < :limit
                RETURNING 1 AS taken""".formatted(table, keyColumn);
        this.oldest = """
                SELECT (SELECT min(t) FROM unnest(recent) AS t WHERE t > :since) AS oldest
                FROM %s WHERE %s = :key""".formatted(table, keyColumn);
    }

    /** Takes a place in the key's window at {@code now}: false when the window is full. */
    public Mono<Boolean> take(Object key, Instant now, Duration window, int limit) {
        return db.sql(take).bind("key", key).bind("now", now).bind("since", now.minus(window)).bind("limit", limit)
                .map(r -> Boolean.TRUE).one().defaultIfEmpty(Boolean.FALSE);
    }

    /** When the key's full window frees a place: its oldest action plus the window. */
    public Mono<Instant> freesAt(Object key, Instant now, Duration window) {
        return db.sql(oldest).bind("key", key).bind("since", now.minus(window))
                .map(r -> Optional.ofNullable(r.get("oldest", Instant.class))).one()
                .map(first -> first.map(t -> t.plus(window)).orElse(now))
                .defaultIfEmpty(now);
    }

    /** Whole seconds until {@code free} from {@code now}, at least 1: a {@code Retry-After}. */
    public static long retryAfterSeconds(Instant now, Instant free) {
        return Math.max(1, (Duration.between(now, free).toMillis() + 999) / 1000);
    }
}
