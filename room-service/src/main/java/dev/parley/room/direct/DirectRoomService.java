package dev.parley.room.direct;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.parley.events.Role;
import dev.parley.events.Times;
import dev.parley.events.data.MemberData;
import dev.parley.events.data.MemberUser;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.room.core.MemberRepository;
import dev.parley.room.core.Room;
import dev.parley.room.core.RoomEvents;
import dev.parley.room.core.RoomRepository;
import dev.parley.room.core.RoomResponse;
import dev.parley.room.user.UserDirectory;

/** Direct rooms: exactly one per pair of users, with both as members. */
@Service
class DirectRoomService {

    private final RoomRepository rooms;
    private final MemberRepository members;
    private final UserDirectory users;
    private final RoomEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    DirectRoomService(RoomRepository rooms, MemberRepository members, UserDirectory users, RoomEvents events,
            TransactionalOperator tx, Clock clock) {
        this.rooms = rooms;
        this.members = members;
        this.users = users;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * THE direct room of the caller and another user: created on the first call from either side, returned on
     * every later one, also under concurrent calls (they serialise on the pair).
     */
    public Mono<DirectResult> direct(CurrentUser caller, UUID otherId) {
        if (caller.id().equals(otherId)) {
            return Mono.error(ApiException.validation("user_id", "You cannot open a direct chat with yourself"));
        }
        Mono<DirectResult> write = users.find(otherId)
                .switchIfEmpty(Mono.error(ApiException.notFound("User not found")))
                .flatMap(other -> rooms.lockPair(caller.id(), otherId)
                        .then(rooms.directRoom(caller.id(), otherId)
                                .flatMap(existing -> rooms.view(existing, caller.id()).map(v -> new DirectResult(v, false)))
                                .switchIfEmpty(Mono.defer(() -> createDirect(caller, other)))));
        return tx.transactional(write);
    }

    private Mono<DirectResult> createDirect(CurrentUser caller, MemberUser other) {
        Instant now = Times.now(clock);
        Room room = new Room(UUID.randomUUID(), null, null, "direct", null, false, 2, caller.id(), now, now);
        return users.describe(caller).flatMap(me -> rooms.insert(room)
                .then(rooms.insertDirect(caller.id(), other.id(), room.id()))
                .then(members.insert(room.id(), caller.id(), Role.MEMBER, now))
                .then(members.insert(room.id(), other.id(), Role.MEMBER, now))
                .then(events.created(room, new MemberData(caller.id(), room.id(), Role.MEMBER.wireName(), now, me), now))
                .then(events.memberAdded(room, new MemberData(other.id(), room.id(), Role.MEMBER.wireName(), now, other),
                        caller.id(), now))
                .then(rooms.view(room.id(), caller.id()))
                .map(v -> new DirectResult(v, true)));
    }

    public record DirectResult(RoomResponse room, boolean created) {
    }
}
