package dev.parley.message.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The send rate limit, atomic: at most {@code limit} sends per user in any {@code window} (a sliding window), across
 * all replicas. A send takes a place with one statement that both checks and records it; PostgreSQL's row lock of
 * the upsert serialises one user's concurrent sends, so that fifty of them at once are admitted exactly
 * {@code limit} times (issue #14: a count read beside the write let 45 of 50 through a limit of 20).
 *
 * <p>A place is taken once the sender is known to be a member and before the message is written; a send that then
 * fails (an invalid reply, attachment or a fault) keeps its place, which errs on the side of the limit.
 */
@Component
class SendBudget {

    /** Empty when the user's window is full. */
    private static final String TAKE = """
            INSERT INTO send_budget (user_id, recent) VALUES (:user, ARRAY[:now])
            ON CONFLICT (user_id) DO UPDATE
               SET recent = ARRAY(SELECT t FROM unnest(send_budget.recent) AS t WHERE t > :since ORDER BY t) || :now
             WHERE (SELECT count(*) FROM unnest(send_budget.recent) AS t WHERE t > :since) < :limit
            RETURNING 1 AS taken""";

    private static final String OLDEST = """
            SELECT (SELECT min(t) FROM unnest(recent) AS t WHERE t > :since) AS oldest
            FROM send_budget WHERE user_id = :user""";

    private final DatabaseClient db;

    SendBudget(DatabaseClient db) {
        this.db = db;
    }

    /** Takes a place in the user's window at {@code now}: false when the window is full. */
    Mono<Boolean> take(UUID user, Instant now, Duration window, int limit) {
        return db.sql(TAKE).bind("user", user).bind("now", now).bind("since", now.minus(window)).bind("limit", limit)
                .map(r -> Boolean.TRUE).one().defaultIfEmpty(Boolean.FALSE);
    }

    /** When the user's full window frees a place: its oldest send plus the window. */
    Mono<Instant> freesAt(UUID user, Instant now, Duration window) {
        return db.sql(OLDEST).bind("user", user).bind("since", now.minus(window))
                .map(r -> Optional.ofNullable(r.get("oldest", Instant.class))).one()
                .map(oldest -> oldest.map(t -> t.plus(window)).orElse(now))
                .defaultIfEmpty(now);
    }
}
