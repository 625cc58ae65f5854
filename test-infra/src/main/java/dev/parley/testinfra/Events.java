package dev.parley.testinfra;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.data.MemberChangeData;
import dev.parley.events.data.MemberData;
import dev.parley.events.data.MemberUser;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.MessageDeletedData;
import dev.parley.events.data.MessageReadData;
import dev.parley.events.data.RoomChangeData;
import dev.parley.events.data.RoomData;
import dev.parley.events.data.RoomDeletedData;
import dev.parley.events.data.RoomMembershipData;
import dev.parley.events.data.UserProfile;
import dev.parley.events.data.UserSummary;

/** An Object Mother of events, shaped exactly as the services publish them, for tests of their consumers. */
public final class Events {

    private Events() {
    }

    /** A user of the tests: id and username; the display name is "Name " + username. */
    public record Who(UUID id, String username) {
        public String displayName() {
            return "Name " + username;
        }
    }

    /**
     * What room-service publishes on create/join/member.add ({@code RoomMembershipData}) and on leave/remove/role
     * update ({@code MemberChangeData}, changed by the member themself; a role update's previous role is "member").
     */
    public static EventEnvelope membership(String type, UUID roomId, Who who, String role, boolean isPublic) {
        return membership(type, roomId, who, role, isPublic ? "public" : "group", isPublic);
    }

    /** As {@link #membership(String, UUID, Who, String, boolean)}, for a room of the given type. */
    public static EventEnvelope membership(String type, UUID roomId, Who who, String role, String roomType,
            boolean isPublic) {
        Instant now = Instant.now();
        RoomData room = new RoomData(roomId, "Room", null, roomType, null, isPublic, 100, who.id(), now, now);
        MemberData member = new MemberData(who.id(), roomId, role, now,
                new MemberUser(who.id(), who.username(), who.displayName(), null, "online"));
        Object data = switch (type) {
            case EventTypes.ROOM_LEAVE, EventTypes.ROOM_MEMBER_REMOVE -> new MemberChangeData(room, member, who.id(),
                    null);
            case EventTypes.ROOM_MEMBER_ROLE_UPDATE -> new MemberChangeData(room, member, who.id(), "member");
            default -> new RoomMembershipData(room, member);
        };
        return EventEnvelope.create(type, "room-service", who.id(), roomId, who.id(),
                ParleyJson.mapper().valueToTree(data), now);
    }

    /** What room-service publishes when a room's visibility changes ({@code PATCH /rooms/{id}} with is_public). */
    public static EventEnvelope roomVisibility(UUID roomId, Who by, boolean isPublic) {
        Instant now = Instant.now();
        RoomData room = new RoomData(roomId, "Room", null, isPublic ? "public" : "group", null, isPublic, 100, by.id(),
                now, now);
        return EventEnvelope.create(EventTypes.ROOM_UPDATE, "room-service", by.id(), roomId, null,
                ParleyJson.mapper().valueToTree(new RoomChangeData(room, Map.of("is_public", isPublic), by.id())), now);
    }

    /** What room-service publishes when a room is deleted. */
    public static EventEnvelope roomDeleted(UUID roomId, Who by) {
        Instant now = Instant.now();
        RoomData room = new RoomData(roomId, "Room", null, "public", null, true, 100, by.id(), now, now);
        return EventEnvelope.create(EventTypes.ROOM_DELETE, "room-service", by.id(), roomId, null,
                ParleyJson.mapper().valueToTree(new RoomDeletedData(room, by.id())), now);
    }

    /** What auth-service publishes when a session ends (logout). */
    public static EventEnvelope sessionRevoked(UUID userId, UUID sessionId) {
        Instant now = Instant.now();
        return EventEnvelope.create(EventTypes.USER_SESSION_REVOKE, "auth-service", userId, null, userId,
                ParleyJson.mapper().valueToTree(new dev.parley.events.data.SessionRevokedData(sessionId, userId,
                        "logout", now, now.plus(Duration.ofMinutes(15)))), now);
    }

    /** What message-service publishes when a message is sent. */
    public static EventEnvelope messageSent(UUID roomId, Who author, String text) {
        Instant now = Instant.now();
        MessageData m = new MessageData(UUID.randomUUID(), roomId, author.id(), text, "text", null, List.of(),
                List.of(), new UserSummary(author.id(), author.username(), author.displayName(), null), null, now, now,
                null);
        return EventEnvelope.create(EventTypes.MESSAGE_SEND, "message-service", author.id(), roomId, author.id(),
                ParleyJson.mapper().valueToTree(m), now);
    }

    /** What message-service publishes when a message is edited: the message as it now is. */
    public static EventEnvelope messageEdited(MessageData m, String newContent) {
        Instant now = Instant.now();
        MessageData edited = new MessageData(m.id(), m.roomId(), m.userId(), newContent, m.type(), m.replyTo(),
                m.attachments(), m.reactions(), m.user(), now, m.createdAt(), now, m.seq());
        return EventEnvelope.create(EventTypes.MESSAGE_EDIT, "message-service", m.userId(), m.roomId(), m.userId(),
                ParleyJson.mapper().valueToTree(edited), now);
    }

    /** What message-service publishes when a message is deleted. */
    public static EventEnvelope messageDeleted(MessageData m, UUID by) {
        Instant now = Instant.now();
        return EventEnvelope.create(EventTypes.MESSAGE_DELETE, "message-service", by, m.roomId(), m.userId(),
                ParleyJson.mapper().valueToTree(new MessageDeletedData(m.id(), m.roomId(), m.userId(), by, now)), now);
    }

    /** What message-service publishes when a member marks a message read. */
    public static EventEnvelope messageRead(MessageData m, UUID reader) {
        Instant now = Instant.now();
        return EventEnvelope.create(EventTypes.MESSAGE_READ, "message-service", reader, m.roomId(), reader,
                ParleyJson.mapper().valueToTree(new MessageReadData(m.roomId(), reader, m.id(), m.createdAt(), now)),
                now);
    }

    /** The message object inside a send event. */
    public static MessageData message(EventEnvelope sent) {
        return ParleyJson.mapper().treeToValue(sent.data(), MessageData.class);
    }

    /** What auth-service publishes when a user changes their profile: the whole public profile (+ changes). */
    public static EventEnvelope profileUpdated(UserProfile profile) {
        Map<String, Object> changes = new HashMap<>();
        changes.put("display_name", profile.displayName());
        return EventEnvelope.create(EventTypes.USER_PROFILE_UPDATE, "auth-service", profile.id(), null, profile.id(),
                ParleyJson.mapper().valueToTree(dev.parley.events.data.UserChangeData.of(profile, changes)),
                profile.updatedAt());
    }

    /** What auth-service publishes when the status others see changes. */
    public static EventEnvelope statusChanged(UserProfile profile) {
        return EventEnvelope.create(EventTypes.USER_STATUS_CHANGE, "auth-service", profile.id(), null, profile.id(),
                ParleyJson.mapper().valueToTree(dev.parley.events.data.UserChangeData.of(profile,
                        Map.of("status", profile.status()))), profile.updatedAt());
    }

    /** What auth-service publishes when a user registers. */
    public static EventEnvelope userCreated(UserProfile profile) {
        return EventEnvelope.create(EventTypes.USER_CREATE, "auth-service", profile.id(), null, profile.id(),
                ParleyJson.mapper().valueToTree(profile), profile.createdAt());
    }
}
