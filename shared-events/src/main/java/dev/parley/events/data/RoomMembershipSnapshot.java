package dev.parley.events.data;

import java.util.List;
import java.util.UUID;

/**
 * {@code data} of {@code event.room.membership.snapshot}: who is in a room right after a change, all of them.
 * A deleted room's last snapshot says {@code deleted} with no members.
 */
public record RoomMembershipSnapshot(UUID roomId, boolean isPublic, boolean deleted, List<UUID> members) {
}
