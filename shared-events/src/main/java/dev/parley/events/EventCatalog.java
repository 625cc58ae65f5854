package dev.parley.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.parley.events.data.GatewayHeartbeatData;
import dev.parley.events.data.InviteEventData;
import dev.parley.events.data.MemberChangeData;
import dev.parley.events.data.MentionData;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.MessageDeletedData;
import dev.parley.events.data.MessageReadData;
import dev.parley.events.data.PresenceData;
import dev.parley.events.data.ReactionData;
import dev.parley.events.data.RoomChangeData;
import dev.parley.events.data.RoomDeletedData;
import dev.parley.events.data.RoomMembershipData;
import dev.parley.events.data.RoomMembershipSnapshot;
import dev.parley.events.data.SessionRevokedData;
import dev.parley.events.data.SystemNoticeData;
import dev.parley.events.data.TypingData;
import dev.parley.events.data.UploadCompleteData;
import dev.parley.events.data.UploadProgressData;
import dev.parley.events.data.UserChangeData;
import dev.parley.events.data.UserProfile;

/**
 * For every event type, the record its {@code data} is: the one source of truth of the contract. Producers encode
 * {@code data} from these records, consumers decode it into them ({@link #data}), and the JSON Schemas of
 * {@code dev/parley/events/schema/data/} and the AsyncAPI document are generated from this table (a test keeps them
 * in step).
 */
public final class EventCatalog {

    /** An event type: its {@code data} record and what it means. */
    public record Entry(String type, Class<? extends Record> data, String description) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(EventTypes.USER_CREATE, UserProfile.class, "A user registered.");
        add(EventTypes.USER_PROFILE_UPDATE, UserChangeData.class,
                "A user changed their profile; changes holds only the changed fields (display_name, avatar).");
        add(EventTypes.USER_STATUS_CHANGE, UserChangeData.class,
                "The status others see changed (online, away, busy, offline); changes holds {status}.");
        add(EventTypes.USER_ONLINE, PresenceData.class,
                "The user's first socket on a gateway instance opened.");
        add(EventTypes.USER_OFFLINE, PresenceData.class,
                "The user's last socket on a gateway instance closed.");
        add(EventTypes.USER_SESSION_REVOKE, SessionRevokedData.class,
                "A login session ended (logout, or a reused refresh token): its access tokens are refused until "
                        + "`until` and its sockets closed.");
        add(EventTypes.USER_TYPING_START, TypingData.class,
                "A member started typing in a room; holds until expires_at unless renewed.");
        add(EventTypes.USER_TYPING_STOP, TypingData.class, "A member stopped typing.");
        add(EventTypes.ROOM_CREATE, RoomMembershipData.class,
                "A room was created; member is its owner (for a direct room, the caller).");
        add(EventTypes.ROOM_UPDATE, RoomChangeData.class,
                "A room's settings changed; changes holds only the changed fields.");
        add(EventTypes.ROOM_DELETE, RoomDeletedData.class, "A room was deleted.");
        add(EventTypes.ROOM_JOIN, RoomMembershipData.class, "A user joined a public room.");
        add(EventTypes.ROOM_LEAVE, MemberChangeData.class, "A member left a room.");
        add(EventTypes.ROOM_MEMBER_ADD, RoomMembershipData.class, "An admin added a member.");
        add(EventTypes.ROOM_MEMBER_REMOVE, MemberChangeData.class, "An admin removed a member.");
        add(EventTypes.ROOM_MEMBER_ROLE_UPDATE, MemberChangeData.class,
                "A member's role changed; member carries the new role, previous_role the old one.");
        add(EventTypes.ROOM_INVITE_CREATE, InviteEventData.class, "A member invited a user to a room.");
        add(EventTypes.ROOM_INVITE_ACCEPT, InviteEventData.class,
                "The invitee accepted; member is the new member.");
        add(EventTypes.ROOM_INVITE_REJECT, InviteEventData.class, "The invitee declined.");
        add(EventTypes.ROOM_MEMBERSHIP_SNAPSHOT, RoomMembershipSnapshot.class,
                "A room's whole membership after a change (compacted topic room.membership).");
        add(EventTypes.MESSAGE_SEND, MessageData.class, "A message was sent: the whole Message object.");
        add(EventTypes.MESSAGE_EDIT, MessageData.class, "A message was edited: the message as it now is.");
        add(EventTypes.MESSAGE_DELETE, MessageDeletedData.class, "A message was deleted.");
        add(EventTypes.MESSAGE_READ, MessageReadData.class, "A member's read position moved forward.");
        add(EventTypes.MESSAGE_REACTION_ADD, ReactionData.class, "A reaction was added.");
        add(EventTypes.MESSAGE_REACTION_REMOVE, ReactionData.class, "A reaction was removed.");
        add(EventTypes.SYSTEM_BROADCAST, SystemNoticeData.class, "An administrator's notice to every client.");
        add(EventTypes.SYSTEM_MAINTENANCE, SystemNoticeData.class, "Scheduled maintenance is announced.");
        add(EventTypes.SYSTEM_SHUTDOWN, SystemNoticeData.class, "A restart is announced.");
        add(EventTypes.SYSTEM_GATEWAY_HEARTBEAT, GatewayHeartbeatData.class,
                "A gateway instance is alive (every 10 s); presence of an instance whose heartbeats stop expires.");
        add(EventTypes.NOTIFICATION_MENTION, MentionData.class, "The target user was @mentioned.");
        add(EventTypes.NOTIFICATION_INVITE, InviteEventData.class, "The target user was invited to a room.");
        add(EventTypes.NOTIFICATION_UPLOAD_PROGRESS, UploadProgressData.class,
                "Progress of the target user's own upload.");
        add(EventTypes.NOTIFICATION_UPLOAD_COMPLETE, UploadCompleteData.class,
                "The target user's own upload finished.");
    }

    private EventCatalog() {
    }

    private static void add(String type, Class<? extends Record> data, String description) {
        ENTRIES.put(type, new Entry(type, data, description));
    }

    /** Every event type, in the order of the contract's documents. */
    public static Iterable<Entry> entries() {
        return ENTRIES.values();
    }

    public static Entry entry(String type) {
        return Objects.requireNonNull(ENTRIES.get(type), () -> "unknown event type " + type);
    }

    /** The record {@code data} of this type is. */
    public static Class<? extends Record> dataType(String type) {
        return entry(type).data();
    }

    /** The schema resource of a data record ({@code dev/parley/events/schema/data/MessageData.schema.json}). */
    public static String schemaResource(Class<? extends Record> data) {
        return "dev/parley/events/schema/data/" + data.getSimpleName() + ".schema.json";
    }

    /**
     * Refuses {@code data} that is not the record of its type: producers encode {@code data} from the records only
     * (never a map or a JSON tree), so that the schemas generated from the records are what is on the topics.
     */
    public static void requireData(String type, Object data) {
        Class<? extends Record> expected = dataType(type);
        if (!expected.isInstance(data)) {
            throw new IllegalArgumentException(type + " carries " + expected.getSimpleName() + ", not "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        }
    }

    /**
     * An event's {@code data} decoded into the record of its type.
     *
     * @throws IllegalArgumentException when {@code type} is not the event's type or its data does not fit
     */
    public static <T extends Record> T data(EventEnvelope event, Class<T> type) {
        if (dataType(event.type()) != type) {
            throw new IllegalArgumentException(event.type() + " carries " + dataType(event.type()).getSimpleName()
                    + ", not " + type.getSimpleName());
        }
        return ParleyJson.mapper().treeToValue(event.data(), type);
    }
}
