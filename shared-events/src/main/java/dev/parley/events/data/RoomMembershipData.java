package dev.parley.events.data;

/**
 * {@code data} of {@code event.room.create}, {@code event.room.join} and {@code event.room.member.add}:
 * the room as it now is and the member concerned (for a create, its owner).
 */
public record RoomMembershipData(RoomData room, MemberData member) {
}
