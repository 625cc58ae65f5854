package dev.parley.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The login sessions that have ended, as this process has learnt from {@code session.revocation} (ADR 0015): an
 * access token whose {@code sid} is here is refused, by REST and by the WebSocket gateway alike. Each entry lives
 * until the latest {@code exp} a token of that session can carry, then it is forgotten (such a token is refused
 * for its age anyway), so the set is bounded by the logouts of one access-token lifetime.
 */
public final class RevokedSessions {

    /** Claim naming the login session (refresh-token family) an access token belongs to. */
    public static final String CLAIM_SESSION = "sid";

    /** Told of each revocation as it is learnt (the gateway closes the session's sockets). */
    @FunctionalInterface
    public interface Listener {
        void revoked(UUID userId, UUID sessionId);
    }

    private final Cache<UUID, Instant> revoked;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public RevokedSessions(Clock clock) {
        this.clock = clock;
        this.revoked = Caffeine.newBuilder()
                .expireAfter(Expiry.<UUID, Instant>writing((session, until) -> untilThen(until)))
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    private Duration untilThen(Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records that a session ended; its tokens are refused until {@code until}. */
    public void revoke(UUID userId, UUID sessionId, Instant until) {
        if (!until.isAfter(clock.instant())) {
            return; // every token of it has expired already
        }
        revoked.put(sessionId, until);
        for (Listener l : listeners) {
            l.revoked(userId, sessionId);
        }
    }

    /** Whether the session named by a token's {@code sid} has ended. */
    public boolean isRevoked(String sessionId) {
        if (sessionId == null) {
            return false;
        }
        try {
            return revoked.getIfPresent(UUID.fromString(sessionId)) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public void onRevoke(Listener listener) {
        listeners.add(listener);
    }

    /** Sessions remembered now (a gauge). */
    public long size() {
        revoked.cleanUp();
        return revoked.estimatedSize();
    }
}
