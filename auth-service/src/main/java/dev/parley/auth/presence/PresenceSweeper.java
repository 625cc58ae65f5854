package dev.parley.auth.presence;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.parley.auth.user.UserEvents;
import dev.parley.auth.user.UserRepository;
import dev.parley.events.Times;
import dev.parley.platform.lifecycle.PeriodicTask;

/**
 * Expires the presence a crashed gateway reported: an instance silent for longer than the expiry is forgotten,
 * its users' sockets there count as closed at its last heartbeat, and users with no socket left go offline
 * (with {@code event.user.status.change}). Safe with several replicas: one deletes the instance row and does the rest.
 */
@Component
class PresenceSweeper extends PeriodicTask {

    private final UserRepository users;
    private final UserEvents events;
    private final TransactionalOperator tx;
    private final PresenceProperties props;
    private final Clock clock;

    public PresenceSweeper(UserRepository users, UserEvents events, TransactionalOperator tx, PresenceProperties props,
            Clock clock) {
        super("presence sweep", props.sweepInterval(), props.sweepInterval());
        this.users = users;
        this.events = events;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
    }

    /** One sweep; emits how many users went offline. */
    public Mono<Long> sweep() {
        Instant cutoff = Times.now(clock).minus(props.expiry());
        return users.silentInstances(cutoff)
                .concatMap(instance -> tx.transactional(users.expireInstance(instance, cutoff)
                        .concatMap(e -> users.findById(e.getKey()).flatMap(before -> users
                                .recomputeConnected(e.getKey(), e.getValue())
                                .filter(after -> !after.effectiveStatus().equals(before.effectiveStatus()))
                                .flatMap(after -> events.statusChanged(after, after.id(), e.getValue()).thenReturn(1L))))
                        .count()))
                .reduce(0L, Long::sum);
    }

    @Override
    protected Mono<?> runOnce() {
        return sweep();
    }
}
