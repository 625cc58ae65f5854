package dev.parley.room.room;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.MemberData;
import dev.parley.events.data.RoomMembershipData;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.room.membership.MemberRepository;
import dev.parley.room.membership.Role;
import dev.parley.room.user.UserDirectory;

/** Creating and joining rooms. Each change and its event commit in one transaction. */
@Service
public class RoomService {

    static final int DEFAULT_MAX_MEMBERS = 100;

    private final RoomRepository rooms;
    private final MemberRepository members;
    private final UserDirectory users;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    public RoomService(RoomRepository rooms, MemberRepository members, UserDirectory users, Outbox outbox,
            TransactionalOperator tx, Clock clock) {
        this.rooms = rooms;
        this.members = members;
        this.users = users;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<RoomResponse> create(CurrentUser caller, CreateRoomRequest req) {
        String type = req.type() == null ? "group" : req.type();
        if ("direct".equals(type)) {
            return Mono.error(ApiException.validation("type",
                    "Direct rooms are created with POST /api/v1/rooms/direct/{user_id}"));
        }
        if (req.name() == null || req.name().isBlank()) {
            return Mono.error(ApiException.validation("name", "Name is required"));
        }
        boolean isPublic = req.isPublic() != null ? req.isPublic() : "public".equals(type);
        Instant now = Times.now(clock);
        Room room = new Room(UUID.randomUUID(), req.name().trim(), req.description(), type, req.avatar(), isPublic,
                req.maxMembers() == null ? DEFAULT_MAX_MEMBERS : req.maxMembers(), caller.id(), now, now);
        Mono<RoomResponse> write = users.describe(caller).flatMap(profile -> rooms.insert(room)
                .then(members.insert(room.id(), caller.id(), Role.OWNER, now))
                .then(outbox.append(EventTypes.ROOM_CREATE, caller.id(), room.id(), caller.id(),
                        new RoomMembershipData(room.data(),
                                new MemberData(caller.id(), room.id(), Role.OWNER.wireName(), now, profile)), now))
                .thenReturn(RoomResponse.of(room, 1)));
        return tx.transactional(write);
    }

    /** A room its caller may see: members see any room, others only public ones (else 404, not leaking it). */
    public Mono<RoomResponse> get(CurrentUser caller, UUID roomId) {
        return rooms.findById(roomId)
                .filterWhen(room -> room.isPublic() ? Mono.just(true) : members.role(roomId, caller.id()).hasElement())
                .switchIfEmpty(Mono.error(ApiException.notFound("Room not found")))
                .flatMap(room -> members.count(roomId).map(n -> RoomResponse.of(room, n)));
    }

    /** Joins a public room. Joining twice is harmless and publishes nothing. */
    public Mono<JoinResult> join(CurrentUser caller, UUID roomId) {
        Mono<JoinResult> write = rooms.lock(roomId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Room not found")))
                .flatMap(room -> members.role(roomId, caller.id())
                        .flatMap(existing -> members.count(roomId)
                                .map(n -> new JoinResult(RoomResponse.of(room, n), false)))
                        .switchIfEmpty(Mono.defer(() -> admit(caller, room))));
        return tx.transactional(write);
    }

    private Mono<JoinResult> admit(CurrentUser caller, Room room) {
        if (!room.isPublic() || "direct".equals(room.type())) {
            return Mono.error(ApiException.forbidden("This room is private: an invitation is needed to join"));
        }
        Instant now = Times.now(clock);
        return members.count(room.id()).flatMap(n -> {
            if (room.maxMembers() != null && n >= room.maxMembers()) {
                return Mono.error(ApiException.conflict("The room is full", java.util.List.of()));
            }
            return users.describe(caller).flatMap(profile -> members.insert(room.id(), caller.id(), Role.MEMBER, now)
                    .then(outbox.append(EventTypes.ROOM_JOIN, caller.id(), room.id(), caller.id(),
                            new RoomMembershipData(room.data(),
                                    new MemberData(caller.id(), room.id(), Role.MEMBER.wireName(), now, profile)), now))
                    .thenReturn(new JoinResult(RoomResponse.of(room, n + 1), true)));
        });
    }

    public record JoinResult(RoomResponse room, boolean joined) {
    }
}
