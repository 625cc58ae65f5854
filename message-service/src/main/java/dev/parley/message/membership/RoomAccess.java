package dev.parley.message.membership;

import java.util.UUID;
import java.util.function.IntFunction;

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

    /**
     * The projection's position in a partition of {@code event.room}, as an SQL expression over the parameter
     * {@code :partition}: a read that selects it next to what it authorises can be checked by {@link #readCurrent}.
     */
    public static final String APPLIED_POSITION =
            "(SELECT next_offset FROM room_stream_position WHERE kafka_partition = :partition)";

    /** A value read together with the projection's position ({@link #APPLIED_POSITION}, null read as 0). */
    public record Positioned<T>(T value, long applied) {
    }

    /**
     * Reads {@code read} (given the room's partition) once: when the position it saw is current for the room,
     * its value is the answer; otherwise it waits like every other check and reads again. One round trip for
     * the common case, where the projection is current already.
     */
    public <T> Mono<T> readCurrent(UUID roomId, IntFunction<Mono<Positioned<T>>> read) {
        return barrier.target(roomId).flatMap(target -> read.apply(target.partition())
                .flatMap(first -> first.applied() >= target.end() ? Mono.justOrEmpty(first.value())
                        : barrier.awaitCurrent(roomId).then(read.apply(target.partition()))
                                .mapNotNull(Positioned::value)));
    }

    /** The caller's role in a live room and the room's type (one query), or empty when they are not a member. */
    public Mono<Membership.RoleInRoom> roleAndType(UUID roomId, UUID userId) {
        return barrier.awaitCurrent(roomId).then(membership.roleAndType(roomId, userId));
    }
}
