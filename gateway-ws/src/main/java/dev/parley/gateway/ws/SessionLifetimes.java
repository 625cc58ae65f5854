package dev.parley.gateway.ws;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Mono;

import dev.parley.platform.lifecycle.PeriodicTask;
import dev.parley.platform.security.RevokedSessions;

/**
 * A socket lives no longer than its session and its token (ADR 0015). When a session ends (logout, refresh-token
 * reuse: {@code session.revocation}), its sockets are closed 1008 "Session ended" at once: the client must log in
 * again. When a socket's token expires, it is closed 4001 "Token expired" within a second, unless the client sent
 * {@code auth} with a fresh token of the same user before: that renews the socket without a reconnect.
 */
@Component
class SessionLifetimes extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(SessionLifetimes.class);
    static final CloseStatus SESSION_ENDED = CloseStatus.POLICY_VIOLATION.withReason("Session ended");
    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4001, "Token expired");
    static final Duration SWEEP = Duration.ofSeconds(1);

    private final ConnectionRegistry registry;
    private final Clock clock;
    private final Counter ended;
    private final Counter expired;

    SessionLifetimes(ConnectionRegistry registry, RevokedSessions revoked, Clock clock, MeterRegistry meters) {
        super("socket expiry sweep", SWEEP, SWEEP);
        this.registry = registry;
        this.clock = clock;
        this.ended = Counter.builder("parley.ws.closed").tag("reason", "session_ended")
                .description("Sockets closed by the server, by reason").register(meters);
        this.expired = Counter.builder("parley.ws.closed").tag("reason", "token_expired")
                .description("Sockets closed by the server, by reason").register(meters);
        revoked.onRevoke((user, session) -> {
            int n = registry.closeSession(user, session.toString(), SESSION_ENDED);
            if (n > 0) {
                ended.increment(n);
                log.info("closed {} socket(s) of user {}: session {} ended", n, user, session);
            }
        });
    }

    @Override
    protected Mono<?> runOnce() {
        return Mono.fromRunnable(() -> {
            int n = registry.closeExpired(clock.millis(), TOKEN_EXPIRED);
            if (n > 0) {
                expired.increment(n);
            }
        });
    }
}
