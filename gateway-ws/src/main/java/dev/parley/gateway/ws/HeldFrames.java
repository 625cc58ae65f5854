package dev.parley.gateway.ws;

import java.time.Duration;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.history.StreamCursor;

/**
 * The frames a socket's events wait in (ADR 0009): while a hold lasts (until the socket's next frame is handled, at
 * most {@code first-frame-wait}), and while the socket's queue is full; a client that takes none of them for
 * {@code DRAIN_STALL} is closed as too slow.
 */
@Component
class HeldFrames {

    private static final Duration DRAIN_POLL = Duration.ofMillis(5);
    private static final Duration DRAIN_STALL = Duration.ofSeconds(10);

    private final ConnectionRegistry registry;
    private final GatewayProperties props;

    HeldFrames(ConnectionRegistry registry, GatewayProperties props) {
        this.registry = registry;
        this.props = props;
    }

    /** Holds the socket's events until its next frame has been handled, or {@code firstFrameWait} has passed. */
    void hold(Connection conn) {
        long hold = conn.cursor().beginHold();
        Mono.delay(props.firstFrameWait()).subscribe(t -> endHold(conn, hold));
    }

    /** Ends a hold (unless a later one began): what waited follows, as fast as the socket takes it. */
    void endHold(Connection conn, long hold) {
        if (hold != 0) {
            conn.cursor().endHold(hold);
            drain(conn, System.nanoTime(), conn.cursor().waiting());
        }
    }

    /**
     * Writes the frames that waited, in arrival order, polling while the socket's queue is full; a client that
     * takes none of them for {@code DRAIN_STALL} is closed as too slow, as one whose live queue overflows is.
     */
    private void drain(Connection conn, long since, int waiting) {
        if (!conn.session().isOpen()) {
            return;
        }
        StreamCursor.Drain result = conn.cursor().drain(conn::offer);
        if (result == StreamCursor.Drain.OVERFLOW) {
            tooSlow(conn);
        } else if (result == StreamCursor.Drain.BLOCKED) {
            int now = conn.cursor().waiting();
            long stalledSince = now < waiting ? System.nanoTime() : since;
            if (System.nanoTime() - stalledSince > DRAIN_STALL.toNanos()) {
                tooSlow(conn);
            } else {
                Mono.delay(DRAIN_POLL).subscribe(t -> drain(conn, stalledSince, now));
            }
        }
    }

    void drainOnce(Connection conn) {
        if (conn.session().isOpen() && conn.cursor().drain(conn::offer) == StreamCursor.Drain.OVERFLOW) {
            tooSlow(conn);
        }
    }

    private void tooSlow(Connection conn) {
        registry.closeTooSlow(conn);
    }
}
