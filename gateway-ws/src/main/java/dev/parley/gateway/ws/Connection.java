package dev.parley.gateway.ws;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.parley.gateway.history.ResumeTarget;
import dev.parley.gateway.history.StreamCursor;

/**
 * One client socket: who it is, the rooms it opted in or out of, and a bounded queue of frames to write.
 * A socket that cannot keep up is closed rather than allowed to grow without bound.
 */
final class Connection implements ResumeTarget {

    private final WebSocketSession session;
    /** The socket's Netty channel: frames are written to it directly, on its event loop (ADR 0014). */
    private final Channel channel;
    private static final int QUEUE_CHUNK = 16;
    /**
     * Frames a socket's queue holds beyond {@code bufferSize} before it is closed as too slow: the frames Reactor
     * Netty's {@code MonoSendMany} took ahead of the channel before (its prefetch, ADR 0014), so that the tail can
     * route a burst faster than the event loop writes it without taking a healthy client for a slow one.
     */
    private static final int SLACK = 128;
    private static final long RECHECK_MILLIS = 200;
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    /** Whether a {@link #recheck()} is scheduled (only the event loop touches it). */
    private boolean recheckPending;
    /** The most frames queued at once: {@code bufferSize} plus the slack. */
    private final int queueLimit;
    /** Frames queued and not yet written to the channel, at most {@code queueLimit}; created on the first frame. */
    private ArrayDeque<byte[]> pending;
    /** Whether a drain of {@code pending} is scheduled on the channel's event loop (guarded by this). */
    private boolean scheduled;
    private boolean completed;
    private final Sinks.Empty<Void> written = Sinks.empty();
    /** Run (off the event loop) when the queue was emptied while the cursor holds frames that waited for room. */
    private volatile Runnable whenEmptied;
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
    private final AtomicBoolean tooSlow = new AtomicBoolean();
    private final StreamCursor<byte[]> cursor;
    private volatile Set<UUID> typing;
    private final int framesPerSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();

    Connection(WebSocketSession session, Channel channel, int bufferSize, int framesPerSecond) {
        this(session, channel, bufferSize, framesPerSecond, SLACK);
    }

    Connection(WebSocketSession session, Channel channel, int bufferSize, int framesPerSecond, int slack) {
        this.queueLimit = bufferSize + slack;
        this.session = session;
        this.channel = channel;
        WritableAgain.watch(channel, this);
        this.framesPerSecond = framesPerSecond;
        this.cursor = new StreamCursor<>(bufferSize);
        this.tokens = framesPerSecond * 2.0;
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

    void authenticate(UUID user, String username, String displayName, String accessToken, String sessionId,
            Instant expiresAt) {
        this.sessionId = sessionId;
        this.expiresAtMillis = expiresAt == null ? Long.MAX_VALUE : expiresAt.toEpochMilli();
        this.userId = user;
        this.accessToken = accessToken;
        this.username = username;
        this.displayName = displayName == null ? username : displayName;
    }

    private volatile String sessionId;
    private volatile long expiresAtMillis = Long.MAX_VALUE;

    /** The login session ({@code sid}) of the token the socket authenticated with last. */
    String sessionId() {
        return sessionId;
    }

    /** When that token expires (epoch milliseconds): the socket is closed then unless an {@code auth} renews it. */
    long expiresAtMillis() {
        return expiresAtMillis;
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

    /** Rooms this socket started typing in (created on first use); their timers are the typing feature's. */
    Set<UUID> typing() {
        Set<UUID> t = typing;
        if (t == null) {
            synchronized (this) {
                if (typing == null) {
                    typing = ConcurrentHashMap.newKeySet();
                }
                t = typing;
            }
        }
        return t;
    }

    /** The rooms this socket started typing in, if it ever typed. */
    Set<UUID> typingIfAny() {
        Set<UUID> t = typing;
        return t == null ? Set.of() : t;
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

    /** Completes once the stream has ended ({@link #complete()}) and every frame queued before was written. */
    Mono<Void> written() {
        return written.asMono();
    }

    /** What to run when the queue has emptied while the socket's cursor holds frames that waited for room. */
    void whenEmptied(Runnable action) {
        this.whenEmptied = action;
    }

    /**
     * Queues a frame (UTF-8 text) to be written on the channel's event loop; false when the queue is full (the
     * caller closes the socket). On the thread of an {@link Outbound#batch} the write is handed to the event loop
     * with the batch's other sockets, and flushed once per batch.
     */
    @Override
    public boolean offer(byte[] frame) {
        boolean now;
        synchronized (this) {
            if (completed) {
                return true; // the stream has ended: nothing more is written
            }
            ArrayDeque<byte[]> queue = pending;
            if (queue == null) {
                queue = pending = new ArrayDeque<>(QUEUE_CHUNK);
            } else if (queue.size() >= queueLimit) {
                return false; // full: too slow
            }
            queue.add(frame);
            // a batch hands its sockets over when it ends; one whose queue is half full goes at once
            now = queue.size() == Math.max(2, queueLimit / 2);
            if (scheduled && !now) {
                return true;
            }
            scheduled = true;
        }
        Outbound.schedule(this, now);
        return true;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /**
     * On the channel's event loop: writes what is queued while the channel takes it, then flushes once. A channel
     * over its write-buffer high-water mark (a client that reads slowly) is drained again when it is writable, the
     * frames staying queued (and counted against the queue's limit) meanwhile.
     */
    void drain() {
        int wrote = 0;
        boolean emptied = false;
        boolean ended = false;
        while (true) {
            byte[] frame;
            synchronized (this) {
                if (!channel.isActive()) {
                    pending = null;
                    scheduled = false;
                    ended = true;
                    break;
                }
                if (pending == null || pending.isEmpty()) {
                    scheduled = false;
                    emptied = true;
                    ended = completed;
                    break;
                }
                if (!channel.isWritable()) {
                    break; // scheduled stays set: the writability event (or the recheck) drains again
                }
                frame = pending.poll();
            }
            channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)), channel.voidPromise());
            wrote++;
        }
        if (wrote > 0) {
            channel.flush();
        }
        if (ended) {
            written.tryEmitEmpty();
        } else if (!emptied) {
            // not writable: the client reads slowly; the frames stay queued (and counted) until the channel is
            // writable again (WritableAgain); a timer looks again too, should that event not come
            if (!recheckPending) {
                recheckPending = true;
                channel.eventLoop().schedule(this::recheck, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
        } else {
            Runnable action = whenEmptied;
            if (action != null) {
                action.run();
            }
        }
    }

    /** On the event loop, after a drain stopped at an unwritable channel. */
    private void recheck() {
        recheckPending = false;
        boolean stuck;
        synchronized (this) {
            stuck = scheduled;
        }
        if (stuck && channel.isWritable()) {
            log.debug("socket {}: writing resumed by the timer, not by the channel's writability event", id());
        }
        if (stuck) {
            drain();
        }
    }

    void complete() {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
            if (scheduled) {
                return; // the drain under way completes it
            }
            scheduled = true;
        }
        channel.eventLoop().execute(this::drain);
    }

    private volatile CloseStatus closeWhenDrained;

    /** Ends the outbound stream; the socket is closed with {@code status} once what is queued was written. */
    void closeAfterQueued(CloseStatus status) {
        closeWhenDrained = status;
        complete();
    }

    CloseStatus closeWhenDrained() {
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

    /** Stops following a public room (it is no longer public), without marking it as left. */
    synchronized void unfollow(UUID roomId) {
        joinedPublicRooms = without(joinedPublicRooms, roomId);
    }

    synchronized void leaveRoom(UUID roomId) {
        joinedPublicRooms = without(joinedPublicRooms, roomId);
        leftRooms = with(leftRooms, roomId);
    }

    private static Set<UUID> with(Set<UUID> set, UUID id) {
        if (set.contains(id)) {
            return set;
        }
        Set<UUID> copy = new HashSet<>(set);
        copy.add(id);
        return Set.copyOf(copy);
    }

    private static Set<UUID> without(Set<UUID> set, UUID id) {
        if (!set.contains(id)) {
            return set;
        }
        Set<UUID> copy = new HashSet<>(set);
        copy.remove(id);
        return Set.copyOf(copy);
    }

    Set<UUID> joinedPublicRooms() {
        return joinedPublicRooms;
    }

    /** Sends a frame of the server's own (a reply, an error); a socket whose queue is full is closed as too slow. */
    Mono<Void> reply(String frame) {
        if (!offer(frame)) {
            return session().close(ConnectionRegistry.TOO_SLOW);
        }
        return Mono.empty();
    }
}
