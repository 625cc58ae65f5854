package dev.parley.room.invite;

import java.time.Instant;
import java.util.UUID;

import dev.parley.events.data.MemberUser;
import dev.parley.room.core.RoomResponse;

/** An invitation as its invitee sees it: the room and who invited them. */
record InviteResponse(UUID id, UUID roomId, UUID inviteeId, UUID inviterId, String status, Instant createdAt,
        Instant respondedAt, RoomResponse room, MemberUser inviter) {
}
