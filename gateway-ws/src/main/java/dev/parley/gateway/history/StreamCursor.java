package dev.parley.gateway.history;

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
 * replay. Frames without a seq (everything but the room stream) do not pass through here.
 */
public final class StreamCursor {

    /** Live frames one resuming room may hold back before the socket counts as too slow. */
    static final int MAX_HELD = 2048;

    private record Held(long seq, String frame) {
    }

    /** One room: the highest seq given, the first seq given live (-1: none), the resume's floor, held frames. */
    private static final class Room {
        long given;
        long firstLive = -1;
        long floor = -1;
        boolean resuming;
        List<Held> held;
    }

    private final Map<UUID, Room> rooms = new HashMap<>();
    /**
     * While set, every room's live frames wait: a socket authenticated by {@code ?token=} at the handshake holds
     * them until its first frame (normally {@code auth}, which may carry {@code resume}) has been handled.
     */
    private boolean grace;

    private Room room(UUID id) {
        return rooms.computeIfAbsent(id, r -> new Room());
    }

    /** A live room-stream frame; false when the socket cannot take it (the caller closes it as too slow). */
    public synchronized boolean live(UUID room, long seq, String frame, Predicate<String> out) {
        Room r = room(room);
        if (grace && r.held == null) {
            r.held = new ArrayList<>();
        }
        if (r.held != null) {
            r.held.add(new Held(seq, frame));
            return r.held.size() <= MAX_HELD;
        }
        if (seq <= r.given) {
            return true;
        }
        if (r.firstLive < 0) {
            r.firstLive = seq;
        }
        r.given = seq;
        return out.test(frame);
    }

    /**
     * Starts resuming a room from the last seq the client saw: its live frames wait from now on. Frames this
     * socket was already given live (a {@code resume} sent after {@code auth_response}) are not given twice; the
     * replay then fills in only what came before them.
     */
    synchronized void begin(UUID room, long lastSeen) {
        Room r = room(room);
        r.resuming = true;
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
    synchronized boolean replay(UUID room, long seq, String frame, Predicate<String> out) {
        Room r = room(room);
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
    synchronized boolean end(UUID room, long upTo, Predicate<String> out) {
        Room r = room(room);
        r.resuming = false;
        r.given = Math.max(r.given, upTo);
        r.firstLive = -1;
        List<Held> held = r.held;
        r.held = null;
        if (held == null) {
            return true;
        }
        held.sort(Comparator.comparingLong(Held::seq));
        for (Held h : held) {
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
        Room r = room(room);
        r.resuming = false;
        r.held = null;
    }

    /** Holds every room's live frames until {@link #endGrace}. */
    public synchronized void beginGrace() {
        grace = true;
    }

    /**
     * Ends the hold of {@link #beginGrace}: the rooms that are not being resumed get their waiting frames, in seq
     * order, once each (a room being resumed gets them when its replay ends). False when the socket cannot take them.
     */
    public synchronized boolean endGrace(Predicate<String> out) {
        if (!grace) {
            return true;
        }
        grace = false;
        for (Room r : rooms.values()) {
            if (r.held != null && !r.resuming) {
                List<Held> held = r.held;
                r.held = null;
                held.sort(Comparator.comparingLong(Held::seq));
                for (Held h : held) {
                    if (h.seq() > r.given) {
                        if (r.firstLive < 0) {
                            r.firstLive = h.seq();
                        }
                        r.given = h.seq();
                        if (!out.test(h.frame())) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** The last seq this socket was given in a room, or 0. */
    public synchronized long lastGiven(UUID room) {
        Room r = rooms.get(room);
        return r == null ? 0 : r.given;
    }
}
