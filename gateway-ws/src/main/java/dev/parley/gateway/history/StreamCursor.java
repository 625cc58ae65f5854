package dev.parley.gateway.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Where one socket is in each room's message stream: the last seq it was given, per room. A room-stream frame is
 * written at most once and in seq order: one at or below that seq is dropped (a re-published record, or a live
 * frame that a replay already gave). While a room is being resumed its live frames wait here and follow the
 * replay.
 *
 * <p>While the socket <em>holds</em> (from its authentication until its next frame has been handled, at most
 * a moment: the client may still send {@code resume}), every event frame waits in arrival order, sequenced or
 * not; when the hold ends they are {@linkplain #drain drained} in that order, as fast as the socket's queue takes
 * them, and frames arriving meanwhile queue behind them. A frame of a room being resumed then waits for the end
 * of that room's replay instead.
 */
public final class StreamCursor<F> {

    /** Frames a socket may hold back (during a hold, or per resuming room) before it counts as too slow. */
    static final int MAX_HELD = 2048;

    /** What {@link #drain} did. */
    public enum Drain {
        /** Nothing waits any more: frames go straight to the socket again. */
        DONE,
        /** The socket's queue is full: drain again once the client has read some. */
        BLOCKED,
        /** Still holding (the hold has not ended): nothing to do yet. */
        HOLDING,
        /** More frames wait for a room's replay than a socket may hold: it counts as too slow. */
        OVERFLOW
    }

    private record Held<F>(UUID room, long seq, F frame) {
    }

    /** One room: the highest seq given, the first seq given live (-1: none), the resume's floor, held frames. */
    private static final class Room<F> {
        long given;
        long firstLive = -1;
        long floor = -1;
        List<Held<F>> held;
    }

    private final Map<UUID, Room<F>> rooms = new HashMap<>();
    /** Event frames in arrival order, while holding or until drained. */
    private final ArrayDeque<Held<F>> waiting = new ArrayDeque<>();
    private boolean holding;
    private long holdNumber;
    /** Whether frames wait, readable without the lock (to decide whether a drain is worth scheduling). */
    private volatile boolean anyWaiting;
    /** How many frames the last hold held when it ended (0 once they are drained). */
    private int heldAtEnd;
    /** Frames that may queue behind the held ones while they drain (the socket's own queue size). */
    private final int queueSize;

    /** A cursor for a socket whose queue takes {@code queueSize} frames. */
    public StreamCursor(int queueSize) {
        this.queueSize = queueSize;
    }

    private Room<F> room(UUID id) {
        return rooms.computeIfAbsent(id, r -> new Room<>());
    }

    /**
     * A live event frame: of a room's message stream when {@code room} is set and {@code seq} is above 0, else any
     * other event (written as it comes, unless frames are held). False when the socket cannot take it (the caller
     * closes it as too slow).
     */
    public synchronized boolean live(UUID room, long seq, F frame, Predicate<F> out) {
        if (holding) {
            waiting.add(new Held<>(room, seq, frame));
            anyWaiting = true;
            return waiting.size() <= MAX_HELD;
        }
        if (!waiting.isEmpty()) {
            // what was held goes first; behind it, while it drains, only as many more as the socket's queue takes
            Drain drained = drain(out);
            if (drained == Drain.OVERFLOW) {
                return false;
            }
            if (drained == Drain.BLOCKED) {
                waiting.add(new Held<>(room, seq, frame));
                return waiting.size() <= heldAtEnd + queueSize;
            }
        }
        Given given = give(room, seq, frame, out);
        return given == Given.WRITTEN || given == Given.SKIPPED;
    }

    private enum Given { WRITTEN, SKIPPED, FULL, OVERFLOW }

    /** Gives one live frame now: held for a resuming room, dropped if already given, else written. */
    private Given give(UUID roomId, long seq, F frame, Predicate<F> out) {
        if (roomId == null || seq <= 0) {
            return out.test(frame) ? Given.WRITTEN : Given.FULL;
        }
        Room<F> r = room(roomId);
        if (r.held != null) {
            r.held.add(new Held<>(roomId, seq, frame));
            return r.held.size() <= MAX_HELD ? Given.SKIPPED : Given.OVERFLOW;
        }
        if (seq <= r.given) {
            return Given.SKIPPED;
        }
        if (!out.test(frame)) {
            return Given.FULL;
        }
        if (r.firstLive < 0) {
            r.firstLive = seq;
        }
        r.given = seq;
        return Given.WRITTEN;
    }

    /**
     * Starts resuming a room from the last seq the client saw: its live frames wait from now on. Frames this
     * socket was already given live (a {@code resume} sent after {@code auth_response} and after the hold) are not
     * given twice; the replay then fills in only what came before them.
     */
    synchronized void begin(UUID room, long lastSeen) {
        Room<F> r = room(room);
        if (r.held == null) {
            r.held = new ArrayList<>();
        }
        r.floor = lastSeen;
        if (r.firstLive < 0) {
            r.given = Math.max(r.given, lastSeen);
        }
    }

    /**
     * A replayed frame, in seq order. False when the socket's queue is full: nothing changed, the caller may offer
     * the same frame again once the client has read some.
     */
    synchronized boolean replay(UUID room, long seq, F frame, Predicate<F> out) {
        Room<F> r = room(room);
        if (r.firstLive > 0 && seq > r.floor && seq < r.firstLive) {
            if (!out.test(frame)) {
                return false;
            }
            r.floor = seq; // before what was given live: fill the gap, once
            return true;
        }
        if (seq <= r.given) {
            return true;
        }
        if (!out.test(frame)) {
            return false;
        }
        r.given = seq;
        return true;
    }

    /**
     * Ends a room's resume: counts everything up to {@code upTo} as given (what was replayed, or what the client
     * was told it must fetch itself), then writes the live frames that waited, in seq order, once each.
     */
    synchronized boolean end(UUID room, long upTo, Predicate<F> out) {
        Room<F> r = room(room);
        r.given = Math.max(r.given, upTo);
        r.firstLive = -1;
        List<Held<F>> held = r.held;
        r.held = null;
        if (held == null) {
            return true;
        }
        held.sort(Comparator.comparingLong(Held<F>::seq));
        for (Held<F> h : held) {
            if (h.seq() > r.given) {
                r.given = h.seq();
                if (!out.test(h.frame())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Drops a room's waiting frames without writing them (the user may no longer see the room). */
    synchronized void abandon(UUID room) {
        Room<F> r = room(room);
        r.held = null;
        waiting.removeIf(h -> room.equals(h.room()));
        anyWaiting = !waiting.isEmpty();
    }

    /** Holds every event frame from now on, until {@link #endHold} with the number returned. */
    public synchronized long beginHold() {
        holding = true;
        return ++holdNumber;
    }

    /** Whether frames are held now; the number of the current hold, or 0. */
    public synchronized long currentHold() {
        return holding ? holdNumber : 0;
    }

    /** Ends hold number {@code number} (a later hold is left alone); what waited must then be {@link #drain}ed. */
    public synchronized void endHold(long number) {
        if (holding && holdNumber == number) {
            holding = false;
            heldAtEnd = waiting.size();
        }
    }

    /**
     * Writes what waited, in arrival order (a frame of a resuming room goes to that room's replay instead), until
     * nothing waits or the socket's queue is full.
     */
    public synchronized Drain drain(Predicate<F> out) {
        if (holding) {
            return Drain.HOLDING;
        }
        while (!waiting.isEmpty()) {
            Held<F> h = waiting.peek();
            Given given = give(h.room(), h.seq(), h.frame(), out);
            if (given == Given.FULL) {
                return Drain.BLOCKED;
            }
            if (given == Given.OVERFLOW) {
                return Drain.OVERFLOW;
            }
            waiting.poll();
        }
        heldAtEnd = 0;
        anyWaiting = false;
        return Drain.DONE;
    }

    /** Whether any frame waits (without taking the lock: a hint, e.g. when the socket asks for more). */
    public boolean anyWaiting() {
        return anyWaiting;
    }

    /** How many frames wait for the end of the hold or for the socket's queue. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** The last seq this socket was given in a room, or 0. */
    public synchronized long lastGiven(UUID room) {
        Room<F> r = rooms.get(room);
        return r == null ? 0 : r.given;
    }
}
