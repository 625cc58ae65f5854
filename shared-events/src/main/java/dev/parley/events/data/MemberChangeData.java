package dev.parley.events.data;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * {@code data} of {@code event.room.leave}, {@code event.room.member.remove} and
 * {@code event.room.member.role.update}: the room, the member concerned (for a role update, with the new role),
 * who did it, and the role before (role updates only).
 */
public record MemberChangeData(RoomData room, MemberData member, @Nullable UUID changedBy,
        @Nullable String previousRole) {
}
