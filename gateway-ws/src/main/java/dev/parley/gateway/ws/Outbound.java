package dev.parley.gateway.ws;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands sockets with queued frames to their channels' event loops (ADR 0014). Outside a batch, a socket's first
 * queued frame schedules one drain on its event loop. Inside {@link #batch(Runnable)} (a Kafka poll's records,
 * routed by a tail's thread) the sockets that got frames are collected and handed over at the end, one task per
 * event loop for all of them: each socket's frames of the whole poll are then written and flushed once, rather
 * than one task, one write and one flush per frame and socket.
 */
final class Outbound {

    private static final Logger log = LoggerFactory.getLogger(Outbound.class);
    private static final ThreadLocal<Map<EventLoop, List<Connection>>> BATCH = new ThreadLocal<>();

    private Outbound() {
    }

    /** Runs {@code work}; the drains of the sockets it queued frames to are scheduled when it returns. */
    static void batch(Runnable work) {
        if (BATCH.get() != null) {
            work.run(); // nested: the outer batch hands them over
            return;
        }
        Map<EventLoop, List<Connection>> batch = new IdentityHashMap<>(4);
        BATCH.set(batch);
        try {
            work.run();
        } finally {
            BATCH.remove();
            batch.forEach((loop, sockets) -> loop.execute(() -> {
                for (Connection c : sockets) {
                    try {
                        c.drain();
                    } catch (RuntimeException e) {
                        log.warn("writing to socket {} failed: {}", c.id(), e.toString());
                    }
                }
            }));
        }
    }

    /**
     * A socket whose queue was empty got a frame: drain it on its event loop, at the end of the batch or, outside
     * one or when {@code now} (its queue is half full), at once. An extra drain is harmless: drains run on the
     * socket's event loop, one after the other.
     */
    static void schedule(Connection c, boolean now) {
        Map<EventLoop, List<Connection>> batch = BATCH.get();
        if (batch == null || now) {
            if (c.eventLoop().inEventLoop()) {
                c.drain(); // e.g. a reply on the socket's own loop: written before anything the handler does next
            } else {
                c.eventLoop().execute(c::drain);
            }
        } else {
            batch.computeIfAbsent(c.eventLoop(), l -> new ArrayList<>()).add(c);
        }
    }
}
