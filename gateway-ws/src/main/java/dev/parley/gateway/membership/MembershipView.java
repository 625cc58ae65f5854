package dev.parley.gateway.membership;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.events.EventCatalog;
import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.data.InviteEventData;
import dev.parley.events.data.MemberData;
import dev.parley.events.data.RoomChangeData;
import dev.parley.events.data.RoomData;
import dev.parley.events.data.RoomMembershipData;
import dev.parley.events.data.RoomMembershipSnapshot;

/**
 * Who belongs to which room, as the gateway learns it from {@code event.room}. It decides which sockets
 * may see a room's events. Applying an event twice is harmless (sets and removals are idempotent).
 */
@Component
public class MembershipView {

    private final Map<UUID, Set<UUID>> membersByRoom = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> roomsByUser = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> publicRooms = new ConcurrentHashMap<>();

    public void apply(EventEnvelope event) {
        UUID roomId = event.roomId();
        if (roomId == null) {
            return;
        }
        switch (event.type()) {
            case EventTypes.ROOM_CREATE, EventTypes.ROOM_JOIN, EventTypes.ROOM_MEMBER_ADD,
                    EventTypes.ROOM_INVITE_ACCEPT -> {
                boolean invite = EventTypes.ROOM_INVITE_ACCEPT.equals(event.type());
                RoomData room = invite ? EventCatalog.data(event, InviteEventData.class).room()
                        : EventCatalog.data(event, RoomMembershipData.class).room();
                MemberData member = invite ? EventCatalog.data(event, InviteEventData.class).member()
                        : EventCatalog.data(event, RoomMembershipData.class).member();
                publicRooms.put(roomId, room.isPublic());
                UUID userId = member != null ? member.userId() : event.userId();
                if (userId != null) {
                    membersByRoom.computeIfAbsent(roomId, r -> ConcurrentHashMap.newKeySet()).add(userId);
                    roomsByUser.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(roomId);
                }
            }
            case EventTypes.ROOM_LEAVE, EventTypes.ROOM_MEMBER_REMOVE -> {
                Set<UUID> members = membersByRoom.get(roomId);
                if (members != null && event.userId() != null) {
                    members.remove(event.userId());
                    Set<UUID> rooms = roomsByUser.get(event.userId());
                    if (rooms != null) {
                        rooms.remove(roomId);
                    }
                }
            }
            case EventTypes.ROOM_DELETE -> {
                Set<UUID> members = membersByRoom.remove(roomId);
                if (members != null) {
                    members.forEach(u -> {
                        Set<UUID> rooms = roomsByUser.get(u);
                        if (rooms != null) {
                            rooms.remove(roomId);
                        }
                    });
                }
                publicRooms.remove(roomId);
            }
            case EventTypes.ROOM_UPDATE -> publicRooms.put(roomId,
                    EventCatalog.data(event, RoomChangeData.class).room().isPublic());
            default -> {
                // invites and role changes do not change who may see the room
            }
        }
    }

    /**
     * Replaces what the view knows of a room with a membership snapshot ({@code room.membership}, ADR 0010): read
     * at start, before the short look-back of {@code event.room} that brings the view up to date.
     */
    public void load(EventEnvelope snapshot) {
        UUID roomId = snapshot.roomId();
        if (roomId == null || !EventTypes.ROOM_MEMBERSHIP_SNAPSHOT.equals(snapshot.type())) {
            return;
        }
        RoomMembershipSnapshot data = EventCatalog.data(snapshot, RoomMembershipSnapshot.class);
        Set<UUID> before = membersByRoom.remove(roomId);
        if (before != null) {
            before.forEach(u -> {
                Set<UUID> rooms = roomsByUser.get(u);
                if (rooms != null) {
                    rooms.remove(roomId);
                }
            });
        }
        publicRooms.remove(roomId);
        if (data.deleted()) {
            return;
        }
        publicRooms.put(roomId, data.isPublic());
        Set<UUID> members = ConcurrentHashMap.newKeySet();
        for (UUID user : data.members()) {
            members.add(user);
            roomsByUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(roomId);
        }
        membersByRoom.put(roomId, members);
    }

    public Set<UUID> members(UUID roomId) {
        Set<UUID> members = membersByRoom.get(roomId);
        return members == null ? Set.of() : Collections.unmodifiableSet(members);
    }

    /** Everyone who shares at least one room with the user, the user included. */
    public Set<UUID> contactsOf(UUID userId) {
        Set<UUID> out = new HashSet<>();
        out.add(userId);
        for (UUID room : roomsByUser.getOrDefault(userId, Set.of())) {
            out.addAll(members(room));
        }
        return out;
    }

    /**
     * Who sees the user's status changes: the user, and everyone who shares with them a room of at most
     * {@code roomLimit} members (a direct room always qualifies). Bigger rooms carry no presence (ADR 0012).
     */
    public Set<UUID> presenceAudienceOf(UUID userId, int roomLimit) {
        Set<UUID> out = new HashSet<>();
        out.add(userId);
        for (UUID room : roomsByUser.getOrDefault(userId, Set.of())) {
            Set<UUID> members = members(room);
            if (members.size() <= roomLimit) {
                out.addAll(members);
            }
        }
        return out;
    }

    public boolean isMember(UUID roomId, UUID userId) {
        return members(roomId).contains(userId);
    }

    public boolean isPublic(UUID roomId) {
        return Boolean.TRUE.equals(publicRooms.get(roomId));
    }

    public boolean exists(UUID roomId) {
        return membersByRoom.containsKey(roomId) || publicRooms.containsKey(roomId);
    }

    private static final Duration MEMBERSHIP_POLL = Duration.ofMillis(5);
    private static final Duration MEMBERSHIP_WAIT = Duration.ofSeconds(1);

    /**
     * Whether the user is a member, allowing the view a moment to apply a membership that room-service has
     * already answered (it answers once the event is in Kafka, ADR 0008): a frame right after a join or a
     * room's creation is not refused for the view's few milliseconds of lag.
     */
    public Mono<Boolean> isMemberSoon(UUID roomId, UUID userId) {
        if (isMember(roomId, userId)) {
            return Mono.just(true);
        }
        return Flux.interval(MEMBERSHIP_POLL).onBackpressureDrop()
                .filter(t -> isMember(roomId, userId))
                .next().map(t -> true)
                .timeout(MEMBERSHIP_WAIT, Mono.just(false));
    }
}
