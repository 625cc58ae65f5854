package dev.parley.room.core;

import dev.parley.events.Role;

/**
 * Who may do what in a room, as pure rules.
 * <ul>
 *   <li>owner: everything, including changing roles and transferring ownership;</li>
 *   <li>admin: edit the room, add, remove and invite members, but not touch the owner or another admin;</li>
 *   <li>member: read, post, leave, and invite if the room is public.</li>
 * </ul>
 */
public final class RoomPolicy {

    private RoomPolicy() {
    }

    public static boolean canEditRoom(Role actor) {
        return actor == Role.OWNER || actor == Role.ADMIN;
    }

    public static boolean canDeleteRoom(Role actor) {
        return actor == Role.OWNER;
    }

    public static boolean canAddMember(Role actor, Role newRole) {
        return switch (actor) {
            case OWNER -> newRole != Role.OWNER;
            case ADMIN -> newRole == Role.MEMBER;
            case MEMBER -> false;
        };
    }

    public static boolean canRemoveMember(Role actor, Role target) {
        return switch (actor) {
            case OWNER -> target != Role.OWNER;
            case ADMIN -> target == Role.MEMBER;
            case MEMBER -> false;
        };
    }

    /** Only the owner changes roles; giving someone {@code owner} transfers ownership. */
    public static boolean canChangeRole(Role actor, Role target) {
        return actor == Role.OWNER && target != Role.OWNER;
    }

    public static boolean canInvite(Role actor, String roomType, boolean roomIsPublic) {
        if ("direct".equals(roomType)) {
            return false;
        }
        return actor == Role.OWNER || actor == Role.ADMIN || roomIsPublic;
    }

    /** The owner leaves only as the last member (the room then goes); otherwise they transfer ownership first. */
    public static boolean canLeave(Role actor, long memberCount) {
        return actor != Role.OWNER || memberCount <= 1;
    }

    /** In a broadcast room only the owner and admins post. */
    public static boolean canPost(Role actor, String roomType) {
        return !"broadcast".equals(roomType) || actor != Role.MEMBER;
    }
}
