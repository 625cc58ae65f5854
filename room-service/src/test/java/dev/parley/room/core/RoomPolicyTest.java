package dev.parley.room.core;

import static dev.parley.events.Role.ADMIN;
import static dev.parley.events.Role.MEMBER;
import static dev.parley.events.Role.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomPolicyTest {

    @Test
    void ownerDoesEverythingButCannotLeaveOthersBehind() {
        assertThat(RoomPolicy.canEditRoom(OWNER)).isTrue();
        assertThat(RoomPolicy.canDeleteRoom(OWNER)).isTrue();
        assertThat(RoomPolicy.canAddMember(OWNER, ADMIN)).isTrue();
        assertThat(RoomPolicy.canAddMember(OWNER, OWNER)).isFalse();
        assertThat(RoomPolicy.canRemoveMember(OWNER, ADMIN)).isTrue();
        assertThat(RoomPolicy.canChangeRole(OWNER, MEMBER)).isTrue();
        assertThat(RoomPolicy.canLeave(OWNER, 2)).isFalse();
        assertThat(RoomPolicy.canLeave(OWNER, 1)).isTrue();
    }

    @Test
    void adminsManageMembersOnly() {
        assertThat(RoomPolicy.canEditRoom(ADMIN)).isTrue();
        assertThat(RoomPolicy.canDeleteRoom(ADMIN)).isFalse();
        assertThat(RoomPolicy.canAddMember(ADMIN, MEMBER)).isTrue();
        assertThat(RoomPolicy.canAddMember(ADMIN, ADMIN)).isFalse();
        assertThat(RoomPolicy.canRemoveMember(ADMIN, MEMBER)).isTrue();
        assertThat(RoomPolicy.canRemoveMember(ADMIN, ADMIN)).isFalse();
        assertThat(RoomPolicy.canRemoveMember(ADMIN, OWNER)).isFalse();
        assertThat(RoomPolicy.canChangeRole(ADMIN, MEMBER)).isFalse();
        assertThat(RoomPolicy.canInvite(ADMIN, "group", false)).isTrue();
    }

    @Test
    void membersReadPostLeaveAndInviteOnlyToPublicRooms() {
        assertThat(RoomPolicy.canEditRoom(MEMBER)).isFalse();
        assertThat(RoomPolicy.canAddMember(MEMBER, MEMBER)).isFalse();
        assertThat(RoomPolicy.canInvite(MEMBER, "public", true)).isTrue();
        assertThat(RoomPolicy.canInvite(MEMBER, "group", false)).isFalse();
        assertThat(RoomPolicy.canLeave(MEMBER, 5)).isTrue();
        assertThat(RoomPolicy.canPost(MEMBER, "group")).isTrue();
    }

    @Test
    void directAndBroadcastRoomsHaveTheirOwnLimits() {
        assertThat(RoomPolicy.canInvite(OWNER, "direct", false)).isFalse();
        assertThat(RoomPolicy.canPost(MEMBER, "broadcast")).isFalse();
        assertThat(RoomPolicy.canPost(ADMIN, "broadcast")).isTrue();
    }
}
