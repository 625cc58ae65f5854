package dev.parley.events.data;

import org.jspecify.annotations.Nullable;

/**
 * {@code data} of {@code event.room.invite.create/accept/reject} and of {@code event.notification.invite}: the
 * invite, the room, the inviter's public profile, and, for an accepted invite, the new member.
 */
public record InviteEventData(InviteData invite, RoomData room, @Nullable MemberUser inviter,
        @Nullable MemberData member) {
}
