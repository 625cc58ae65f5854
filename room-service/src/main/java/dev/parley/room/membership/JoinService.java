package dev.parley.room.membership;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.parley.events.Role;
import dev.parley.events.Times;
import dev.parley.events.data.MemberData;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.room.core.MemberRepository;
import dev.parley.room.core.Room;
import dev.parley.room.core.RoomAccess;
import dev.parley.room.core.RoomEvents;
import dev.parley.room.core.RoomPolicy;
import dev.parley.room.core.RoomRepository;
import dev.parley.room.core.RoomResponse;
import dev.parley.room.invite.InviteRepository;
import dev.parley.room.user.UserDirectory;

/** Joining and leaving a room. Each change and its event commit together. */
@Service
class JoinService {

    private final RoomRepository rooms;
    private final MemberRepository members;
    private final InviteRepository invites;
    private final UserDirectory users;
    private final RoomAccess access;
    private final RoomEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    JoinService(RoomRepository rooms, MemberRepository members, InviteRepository invites, UserDirectory users,
            RoomAccess access, RoomEvents events, TransactionalOperator tx, Clock clock) {
        this.rooms = rooms;
        this.members = members;
        this.invites = invites;
        this.users = users;
        this.access = access;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Joins a public room, or a private one with a pending invite (which it accepts). Joining twice is harmless
     * and publishes nothing; a full room is a 409.
     */
    public Mono<JoinResult> join(CurrentUser caller, UUID roomId) {
        Mono<JoinResult> write = rooms.lock(roomId)
                .switchIfEmpty(Mono.error(RoomAccess.notFound()))
                .flatMap(room -> members.role(roomId, caller.id())
                        .flatMap(existing -> rooms.view(roomId, caller.id()).map(v -> new JoinResult(v, false)))
                        .switchIfEmpty(Mono.defer(() -> admit(caller, room))));
        return tx.transactional(write);
    }

    private Mono<JoinResult> admit(CurrentUser caller, Room room) {
        return invites.pendingFor(room.id(), caller.id()).map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(invite -> {
                    if (room.isDirect() || (!room.isPublic() && invite.isEmpty())) {
                        return Mono.error(ApiException.forbidden(
                                "This room is private: an invitation is needed to join"));
                    }
                    Instant now = Times.now(clock);
                    return members.count(room.id()).flatMap(n -> {
                        if (room.maxMembers() != null && n >= room.maxMembers()) {
                            return Mono.error(ApiException.conflict("The room is full", List.of()));
                        }
                        return users.describe(caller).flatMap(profile -> {
                            MemberData member = new MemberData(caller.id(), room.id(), Role.MEMBER.wireName(), now,
                                    profile);
                            Mono<Void> publish = invite.isPresent()
                                    ? invites.respond(invite.get().id(), "accepted", now)
                                            .flatMap(accepted -> events.inviteAccepted(room, accepted, member, now))
                                    : events.joined(room, member, now);
                            return members.insert(room.id(), caller.id(), Role.MEMBER, now)
                                    .then(publish)
                                    .then(rooms.view(room.id(), caller.id()))
                                    .map(v -> new JoinResult(v, true));
                        });
                    });
                });
    }

    public record JoinResult(RoomResponse room, boolean joined) {
    }

    /**
     * Leaves a room. The owner must transfer ownership first, unless they are the last member: then the room
     * is deleted. A direct room cannot be left.
     */
    public Mono<Void> leave(CurrentUser caller, UUID roomId) {
        Mono<Void> write = access.lockedMember(caller.id(), roomId).flatMap(m -> {
            if (m.room().isDirect()) {
                return Mono.error(ApiException.validation("room_id", "A direct room cannot be left"));
            }
            Instant now = Times.now(clock);
            return members.count(roomId).flatMap(n -> {
                if (!RoomPolicy.canLeave(m.role(), n)) {
                    return Mono.error(ApiException.conflict(
                            "The owner cannot leave: transfer ownership to another member first", List.of()));
                }
                if (n <= 1) {
                    return rooms.delete(roomId).then(events.deleted(m.room(), caller.id(), now));
                }
                return members.find(roomId, caller.id())
                        .flatMap(member -> members.remove(roomId, caller.id()).then(events.left(m.room(), member, now)));
            });
        });
        return tx.transactional(write);
    }
}
