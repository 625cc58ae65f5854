package dev.parley.gateway.ws;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

import dev.parley.gateway.membership.MembershipView;

/** The authenticated sockets of this gateway instance, by user and by publicly joined room. */
@Component
public class ConnectionRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);
    static final CloseStatus TOO_SLOW = new CloseStatus(1013, "Outbound buffer overflow: reconnect");

    private final Map<UUID, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Map<UUID, Set<Connection>> watchersByRoom = new ConcurrentHashMap<>();
    private final MembershipView membership;
    private final Counter overflows;
    private final Counter deliveries;

    private final MeterRegistry meters;

    public ConnectionRegistry(MembershipView membership, MeterRegistry meters) {
        this.membership = membership;
        this.meters = meters;
        this.overflows = Counter.builder("parley.ws.outbound.overflow")
                .description("sockets closed because their outbound buffer overflowed").register(meters);
        this.deliveries = Counter.builder("parley.ws.deliveries").description("frames queued to sockets")
                .register(meters);
        meters.gauge("parley.ws.connections", byUser, m -> m.values().stream().mapToInt(Set::size).sum());
    }

    /** Registers an authenticated socket; true when it is the user's first on this instance. */
    boolean register(Connection c) {
        boolean[] first = {false};
        byUser.compute(c.userId(), (u, set) -> {
            Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            first[0] = s.isEmpty();
            s.add(c);
            return s;
        });
        return first[0];
    }

    /** Forgets a socket; true when it was the user's last on this instance. */
    boolean unregister(Connection c) {
        boolean[] last = {false};
        if (c.userId() != null) {
            byUser.computeIfPresent(c.userId(), (u, set) -> {
                boolean removed = set.remove(c);
                last[0] = removed && set.isEmpty();
                return set.isEmpty() ? null : set;
            });
        }
        for (UUID room : c.joinedPublicRooms()) {
            unwatch(room, c);
        }
        return last[0];
    }

    void watch(UUID roomId, Connection c) {
        watchersByRoom.computeIfAbsent(roomId, r -> ConcurrentHashMap.newKeySet()).add(c);
    }

    void unwatch(UUID roomId, Connection c) {
        watchersByRoom.computeIfPresent(roomId, (r, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Ends every follow of a room that is no longer public (made private or deleted): its non-member sockets get
     * nothing more of it, and would have to {@code join_room} again, which is refused while it is private.
     */
    public void dropFollowers(UUID roomId) {
        Set<Connection> followers = watchersByRoom.remove(roomId);
        if (followers != null) {
            followers.forEach(c -> c.unfollow(roomId));
        }
    }

    /**
     * Runs {@code work} (e.g. the routing of one Kafka poll's records) so that the frames it queues are written
     * and flushed once per socket when it returns, with one hand-over per event loop (ADR 0014).
     */
    public void batch(Runnable work) {
        Outbound.batch(work);
    }

    /** Queues one already-serialised frame to every socket that may and wants to see the room's events. */
    public int deliverToRoom(UUID roomId, String frame) {
        return deliverToRoom(roomId, 0, frame, null);
    }

    /**
     * As {@link #deliverToRoom(UUID, String)}, but not to any socket of {@code except} (e.g. the typist); a frame
     * of the room's message stream ({@code seq} above 0) passes each socket's {@code StreamCursor}: once, in seq
     * order, held back while the socket resumes the room.
     */
    public int deliverToRoom(UUID roomId, long seq, String text, UUID except) {
        byte[] frame = utf8(text);
        int n = 0;
        for (UUID member : membership.members(roomId)) {
            if (member.equals(except)) {
                continue;
            }
            for (Connection c : byUser.getOrDefault(member, Set.of())) {
                if (c.wants(roomId, true)) {
                    n += deliver(c, roomId, seq, frame);
                }
            }
        }
        // followers (join_room without membership) see a room only while it is public
        for (Connection c : membership.isPublic(roomId) ? watchersByRoom.getOrDefault(roomId, Set.of())
                : Set.<Connection>of()) {
            if (!c.userId().equals(except) && !membership.isMember(roomId, c.userId()) && c.wants(roomId, false)) {
                n += deliver(c, roomId, seq, frame);
            }
        }
        return n;
    }

    /** Queues a frame to every socket of one user. */
    public int deliverToUser(UUID userId, String frame) {
        return deliverToUser(userId, utf8(frame));
    }

    private int deliverToUser(UUID userId, byte[] frame) {
        int n = 0;
        for (Connection c : byUser.getOrDefault(userId, Set.of())) {
            n += deliver(c, frame);
        }
        return n;
    }

    /** A frame's bytes, encoded once for all the sockets it goes to (the same bytes are written to each). */
    private static byte[] utf8(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8);
    }

    private int deliver(Connection c, byte[] frame) {
        return deliver(c, null, 0, frame);
    }

    private int deliver(Connection c, UUID roomId, long seq, byte[] frame) {
        if (c.cursor().live(roomId, seq, frame, c::offer)) {
            deliveries.increment();
            return 1;
        }
        closeTooSlow(c);
        return 0;
    }

    /** Closes a socket that cannot keep up (1013: the client reconnects and resumes), counted. */
    void closeTooSlow(Connection c) {
        if (!c.markTooSlow()) {
            return; // already being closed: frames still routed to it until it is gone are not counted again
        }
        overflows.increment();
        log.info("closing socket {} of user {}: outbound buffer overflow", c.id(), c.userId());
        c.session().close(TOO_SLOW).subscribe(x -> { }, e -> { });
    }

    MeterRegistry meters() {
        return meters;
    }

    /** Queues a frame to every socket of these users. */
    public int deliverToUsers(Collection<UUID> users, String text) {
        byte[] frame = utf8(text);
        int n = 0;
        for (UUID u : users) {
            n += deliverToUser(u, frame);
        }
        return n;
    }

    /** Queues a frame to every authenticated socket of this instance (system notices). */
    public int deliverToAll(String text) {
        byte[] frame = utf8(text);
        int n = 0;
        for (Set<Connection> set : byUser.values()) {
            for (Connection c : set) {
                n += deliver(c, frame);
            }
        }
        return n;
    }

    /** Closes every socket of this instance (graceful shutdown), after the frames already queued to it. */
    public void closeAll(CloseStatus status) {
        for (Set<Connection> set : byUser.values()) {
            for (Connection c : set) {
                // what a socket holds for a resume that will not come now goes before the close, as far as it fits
                c.cursor().endHold(c.cursor().currentHold());
                c.cursor().drain(c::offer);
                c.closeAfterQueued(status);
            }
        }
    }

    /**
     * Closes the sockets of one login session (after what is already queued to them; nothing routed afterwards is
     * written). Returns how many.
     */
    int closeSession(UUID user, String sessionId, CloseStatus status) {
        int n = 0;
        for (Connection c : byUser.getOrDefault(user, Set.of())) {
            if (sessionId.equals(c.sessionId())) {
                c.closeAfterQueued(status);
                n++;
            }
        }
        return n;
    }

    /** Closes every socket whose token expired before {@code nowMillis}. Returns how many. */
    int closeExpired(long nowMillis, CloseStatus status) {
        int n = 0;
        for (Set<Connection> set : byUser.values()) {
            for (Connection c : set) {
                if (c.expiresAtMillis() <= nowMillis && c.closeWhenDrained() == null) {
                    c.closeAfterQueued(status);
                    n++;
                }
            }
        }
        return n;
    }

    /** The authenticated sockets of one user on this instance. */
    public int connectionsOf(UUID user) {
        return byUser.getOrDefault(user, Set.of()).size();
    }

    public int connectionCount() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
