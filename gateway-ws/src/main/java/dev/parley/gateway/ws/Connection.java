package dev.parley.gateway.ws;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import dev.parley.gateway.history.ResumeTarget;
import dev.parley.gateway.history.StreamCursor;

/**
 * One client socket: who it is, the rooms it opted in or out of, and a bounded queue of frames to write.
 * A socket that cannot keep up is closed rather than allowed to grow without bound.
 */
public final class Connection implements ResumeTarget {

    private final WebSocketSession session;
    private final Sinks.Many<byte[]> outbound;
    /** Frames queued and not yet taken by the socket's writer; at most {@code bufferSize}. */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private final int bufferSize;
    private static final int QUEUE_CHUNK = 16;
    // what most sockets never use costs nothing until used (issue #13: an idle socket held three empty maps):
    // the room choices are copied on write (rare) and read without a lock by the fan-out
    private volatile Set<UUID> joinedPublicRooms = Set.of();
    private volatile Set<UUID> leftRooms = Set.of();
    private volatile UUID userId;
    private volatile long lastHeard = System.nanoTime();
    private volatile String username;
    private volatile String displayName;
    private volatile String accessToken;
    private volatile boolean authFrameHandled;
    private final java.util.concurrent.atomic.AtomicBoolean tooSlow = new java.util.concurrent.atomic.AtomicBoolean();
    private final StreamCursor<byte[]> cursor;
    private volatile java.util.Map<UUID, reactor.core.Disposable> typing;
    private final int framesPerSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();

    Connection(WebSocketSession session, int bufferSize, int framesPerSecond) {
        this.session = session;
        this.framesPerSecond = framesPerSecond;
        this.cursor = new StreamCursor<>(bufferSize);
        this.tokens = framesPerSecond * 2.0;
        // a queue that grows in small chunks as frames wait (an idle socket holds almost nothing), bounded by count
        this.outbound = Sinks.many().unicast().onBackpressureBuffer(Queues.<byte[]>unbounded(QUEUE_CHUNK).get());
        this.bufferSize = bufferSize;
    }

    /** A frame came in now. */
    void heard() {
        lastHeard = System.nanoTime();
    }

    /** Nanoseconds since the client last sent a frame (or connected). */
    long silentFor() {
        return System.nanoTime() - lastHeard;
    }

    public String id() {
        return session.getId();
    }

    @Override
    public UUID userId() {
        return userId;
    }

    public boolean isAuthenticated() {
        return userId != null;
    }

    void authenticate(UUID user, String username, String displayName, String accessToken) {
        this.userId = user;
        this.accessToken = accessToken;
        this.username = username;
        this.displayName = displayName == null ? username : displayName;
    }

    /** True the first time only: the socket is closed as too slow once. */
    boolean markTooSlow() {
        return tooSlow.compareAndSet(false, true);
    }

    /** True the first time it is asked: whether this is the socket's first {@code auth} frame. */
    boolean firstAuthFrame() {
        boolean first = !authFrameHandled;
        authFrameHandled = true;
        return first;
    }

    @Override
    public String accessToken() {
        return accessToken;
    }

    /** Where this socket is in each room's message stream. */
    @Override
    public StreamCursor<byte[]> cursor() {
        return cursor;
    }

    String username() {
        return username;
    }

    String displayName() {
        return displayName;
    }

    /** Rooms this socket is typing in, with the timer that will stop it (created on first use). */
    java.util.Map<UUID, reactor.core.Disposable> typing() {
        java.util.Map<UUID, reactor.core.Disposable> t = typing;
        if (t == null) {
            synchronized (this) {
                if (typing == null) {
                    typing = new ConcurrentHashMap<>();
                }
                t = typing;
            }
        }
        return t;
    }

    /** The typing timers, if this socket ever typed. */
    java.util.Map<UUID, reactor.core.Disposable> typingIfAny() {
        java.util.Map<UUID, reactor.core.Disposable> t = typing;
        return t == null ? java.util.Map.of() : t;
    }

    /** A token bucket: {@code framesPerSecond} per second, bursts up to twice that. False when over. */
    synchronized boolean allowFrame() {
        long now = System.nanoTime();
        tokens = Math.min(framesPerSecond * 2.0, tokens + (now - refilledAt) / 1e9 * framesPerSecond);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    WebSocketSession session() {
        return session;
    }

    /** The frames to write, UTF-8 encoded once for every socket that gets them. */
    Flux<byte[]> frames() {
        return outbound.asFlux().doOnNext(f -> queued.decrementAndGet());
    }

    /** Queues a frame (UTF-8 text); false when the queue is full (the caller closes the socket). */
    @Override
    public synchronized boolean offer(byte[] frame) {
        if (completed) {
            return true; // the stream has ended: nothing more is written (as the sink answered before)
        }
        if (queued.incrementAndGet() > bufferSize) {
            queued.decrementAndGet();
            return false; // full: too slow
        }
        Sinks.EmitResult result = outbound.tryEmitNext(frame);
        if (!result.isSuccess()) {
            queued.decrementAndGet();
        }
        return result.isSuccess() || result == Sinks.EmitResult.FAIL_TERMINATED
                || result == Sinks.EmitResult.FAIL_CANCELLED;
    }

    private boolean completed;

    synchronized void complete() {
        completed = true;
        outbound.tryEmitComplete();
    }

    private volatile org.springframework.web.reactive.socket.CloseStatus closeWhenDrained;

    /** Ends the outbound stream; the socket is closed with {@code status} once what is queued was written. */
    void closeAfterQueued(org.springframework.web.reactive.socket.CloseStatus status) {
        closeWhenDrained = status;
        complete();
    }

    org.springframework.web.reactive.socket.CloseStatus closeWhenDrained() {
        return closeWhenDrained;
    }

    /** Whether this socket wants a room's events (members get their rooms unless they sent leave_room). */
    public boolean wants(UUID roomId, boolean member) {
        return member ? !leftRooms.contains(roomId) : joinedPublicRooms.contains(roomId);
    }

    synchronized void joinRoom(UUID roomId, boolean member) {
        leftRooms = without(leftRooms, roomId);
        if (!member) {
            joinedPublicRooms = with(joinedPublicRooms, roomId);
        }
    }

    synchronized void leaveRoom(UUID roomId) {
        joinedPublicRooms = without(joinedPublicRooms, roomId);
        leftRooms = with(leftRooms, roomId);
    }

    private static Set<UUID> with(Set<UUID> set, UUID id) {
        if (set.contains(id)) {
            return set;
        }
        Set<UUID> copy = new java.util.HashSet<>(set);
        copy.add(id);
        return Set.copyOf(copy);
    }

    private static Set<UUID> without(Set<UUID> set, UUID id) {
        if (!set.contains(id)) {
            return set;
        }
        Set<UUID> copy = new java.util.HashSet<>(set);
        copy.remove(id);
        return Set.copyOf(copy);
    }

    Set<UUID> joinedPublicRooms() {
        return joinedPublicRooms;
    }
}
