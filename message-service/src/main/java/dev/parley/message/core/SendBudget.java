package dev.parley.message.core;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.platform.database.RateWindow;

/**
 * The send rate limit, atomic: at most {@code limit} sends per user in any {@code window}, across all replicas
 * ({@link RateWindow} over {@code send_budget}). A place is taken once the sender is known to be a member and before
 * the message is written; a send that then fails (an invalid reply, attachment or a fault) keeps its place, which
 * errs on the side of the limit.
 */
@Component
class SendBudget {

    private final RateWindow window;

    SendBudget(DatabaseClient db) {
        this.window = new RateWindow(db, "send_budget", "user_id");
    }

    /** Takes a place in the user's window at {@code now}: false when the window is full. */
    Mono<Boolean> take(UUID user, Instant now, Duration window, int limit) {
        return this.window.take(user, now, window, limit);
    }

    /** When the user's full window frees a place. */
    Mono<Instant> freesAt(UUID user, Instant now, Duration window) {
        return this.window.freesAt(user, now, window);
    }
}
