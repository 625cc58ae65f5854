package dev.parley.gateway.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The last room-stream frames this instance pushed, per room: a resume inside this window costs no call to
 * message-service. Bounded: at most {@code parley.gateway.history.frames-per-room} frames per room and
 * {@code parley.gateway.history.rooms} rooms (the least recently written room goes first); the gauges
 * {@code parley.ws.history.frames} and {@code parley.ws.history.rooms} show what it holds.
 */
@Component
public class RecentFrames {

    /** A frame and its seq. */
    public record Entry(long seq, String frame) {
    }

    private final int perRoom;
    private final Map<UUID, Deque<Entry>> rooms;
    private long frames;

    RecentFrames(@Value("${parley.gateway.history.frames-per-room:256}") int perRoom,
            @Value("${parley.gateway.history.rooms:2000}") int maxRooms, MeterRegistry meters) {
        this.perRoom = perRoom;
        this.rooms = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Deque<Entry>> eldest) {
                if (size() > maxRooms) {
                    frames -= eldest.getValue().size();
                    return true;
                }
                return false;
            }
        };
        Gauge.builder("parley.ws.history.frames", this, RecentFrames::frames)
                .description("room-stream frames held for resumes").register(meters);
        Gauge.builder("parley.ws.history.rooms", this, RecentFrames::roomCount)
                .description("rooms with frames held for resumes").register(meters);
    }

    /** Keeps a frame the instance pushed. Frames of one room arrive in seq order (one partition per room). */
    public synchronized void record(UUID room, long seq, String frame) {
        Deque<Entry> q = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
        if (!q.isEmpty() && seq != q.peekLast().seq() + 1) {
            frames -= q.size();
            q.clear(); // not contiguous (e.g. a record this instance never saw): start the window anew
        }
        q.addLast(new Entry(seq, frame));
        frames++;
        if (q.size() > perRoom) {
            q.removeFirst();
            frames--;
        }
    }

    /**
     * Every frame of the room after {@code afterSeq}, if this window holds all of them (it holds the frame right
     * after {@code afterSeq}, or its newest frame is {@code afterSeq} itself); empty when it cannot tell.
     */
    public synchronized Optional<List<Entry>> after(UUID room, long afterSeq) {
        Deque<Entry> q = rooms.get(room);
        if (q == null || q.isEmpty() || q.peekFirst().seq() > afterSeq + 1) {
            return Optional.empty();
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : q) {
            if (e.seq() > afterSeq) {
                out.add(e);
            }
        }
        return Optional.of(out);
    }

    synchronized long frames() {
        return frames;
    }

    synchronized int roomCount() {
        return rooms.size();
    }
}
