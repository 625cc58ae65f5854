package dev.parley.message.membership;

import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may act in a room, as of now: the membership projection once it is current for the room
 * ({@link RoomStreamBarrier}). Every check that authorises an action goes through here.
 */
@Component
public class RoomAccess {

    private final RoomStreamBarrier barrier;
    private final Membership membership;

    RoomAccess(RoomStreamBarrier barrier, Membership membership) {
        this.barrier = barrier;
        this.membership = membership;
    }

    /** The caller's role in a live room, or empty when they are not a member. */
    public Mono<String> role(UUID roomId, UUID userId) {
        return barrier.awaitCurrent(roomId).then(membership.role(roomId, userId));
    }

    /** Whether the user may read the room's stream: a member, or anyone for a public room. */
    public Mono<Boolean> mayRead(UUID roomId, UUID userId) {
        return role(roomId, userId).map(r -> true).switchIfEmpty(Mono.defer(() -> membership.isPublic(roomId)));
    }

    /** The caller's role in a live room and the room's type (one query), or empty when they are not a member. */
    public Mono<Membership.RoleInRoom> roleAndType(UUID roomId, UUID userId) {
        return barrier.awaitCurrent(roomId).then(membership.roleAndType(roomId, userId));
    }
}
