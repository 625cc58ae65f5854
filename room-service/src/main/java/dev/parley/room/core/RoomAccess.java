package dev.parley.room.core;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.events.Role;
import dev.parley.platform.web.ApiException;

/**
 * Resolves a room id from a path for a caller. A private room the caller is not in does not exist for them
 * (404, so that its existence does not leak); a public one they are not in is visible but closed to actions (403).
 */
@Component
public class RoomAccess {

    private final RoomRepository rooms;
    private final MemberRepository members;

    public RoomAccess(RoomRepository rooms, MemberRepository members) {
        this.rooms = rooms;
        this.members = members;
    }

    /** A room and the caller's role in it (empty when not a member). */
    public record Seen(Room room, Optional<Role> role) {
    }

    public Mono<Seen> visible(UUID caller, UUID roomId) {
        return rooms.findById(roomId)
                .flatMap(room -> members.role(roomId, caller).map(Optional::of).defaultIfEmpty(Optional.empty())
                        .map(role -> new Seen(room, role)))
                .filter(seen -> seen.room().isPublic() || seen.role().isPresent())
                .switchIfEmpty(Mono.error(notFound()));
    }

    /** The room, locked for the rest of the transaction, and the caller's role; members only. */
    public Mono<Member> lockedMember(UUID caller, UUID roomId) {
        return rooms.lock(roomId).switchIfEmpty(Mono.error(notFound()))
                .flatMap(room -> members.role(roomId, caller)
                        .map(role -> new Member(room, role))
                        .switchIfEmpty(Mono.error(room.isPublic()
                                ? ApiException.forbidden("You are not a member of this room") : notFound())));
    }

    public record Member(Room room, Role role) {
    }

    public static ApiException notFound() {
        return ApiException.notFound("Room not found");
    }
}
