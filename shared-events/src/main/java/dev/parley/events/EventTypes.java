package dev.parley.events;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every event type carried on Parley's Kafka topics.
 *
 * <p>The {@code USER_*}, {@code ROOM_*}, {@code MESSAGE_*} and {@code SYSTEM_*} constants are the
 * frontend integration guide's "Backend Event Type Constants", spelled exactly as there. The
 * constants marked <em>addition</em> are Parley's own: events the guide implies but does not name
 * (see {@code shared-events/README.md}).
 */
public final class EventTypes {

    private EventTypes() {
    }

    // User events (guide)
    public static final String USER_ONLINE = "event.user.online";
    public static final String USER_OFFLINE = "event.user.offline";
    public static final String USER_TYPING_START = "event.user.typing.start";
    public static final String USER_TYPING_STOP = "event.user.typing.stop";
    public static final String USER_STATUS_CHANGE = "event.user.status.change";
    public static final String USER_PROFILE_UPDATE = "event.user.profile.update";
    /** Addition: a user registered. {@code data} is the public profile ({@link dev.parley.events.data.PublicUser}). */
    public static final String USER_CREATE = "event.user.create";
    /**
     * Addition: a login session ended (logout, or refresh-token reuse revoked it): every service and gateway
     * refuses its access tokens from now on and closes its sockets. Topic {@code session.revocation}, keyed by user;
     * {@code data} is {@link dev.parley.events.data.SessionRevokedData}.
     */
    public static final String USER_SESSION_REVOKE = "event.user.session.revoke";

    // Room events (guide)
    public static final String ROOM_CREATE = "event.room.create";
    public static final String ROOM_UPDATE = "event.room.update";
    public static final String ROOM_DELETE = "event.room.delete";
    public static final String ROOM_JOIN = "event.room.join";
    public static final String ROOM_LEAVE = "event.room.leave";
    public static final String ROOM_MEMBER_ADD = "event.room.member.add";
    public static final String ROOM_MEMBER_REMOVE = "event.room.member.remove";
    public static final String ROOM_MEMBER_ROLE_UPDATE = "event.room.member.role.update";
    public static final String ROOM_INVITE_CREATE = "event.room.invite.create";
    public static final String ROOM_INVITE_ACCEPT = "event.room.invite.accept";
    public static final String ROOM_INVITE_REJECT = "event.room.invite.reject";
    /**
     * Addition: a room's whole membership after a change (topic {@code room.membership}, compacted, keyed by room):
     * what a gateway rebuilds its view from without replaying {@code event.room} from its beginning (ADR 0010).
     */
    public static final String ROOM_MEMBERSHIP_SNAPSHOT = "event.room.membership.snapshot";

    // Message events (guide)
    public static final String MESSAGE_SEND = "event.message.send";
    public static final String MESSAGE_EDIT = "event.message.edit";
    public static final String MESSAGE_DELETE = "event.message.delete";
    public static final String MESSAGE_READ = "event.message.read";
    public static final String MESSAGE_REACTION_ADD = "event.message.reaction.add";
    public static final String MESSAGE_REACTION_REMOVE = "event.message.reaction.remove";

    // System events (guide)
    public static final String SYSTEM_MAINTENANCE = "event.system.maintenance";
    public static final String SYSTEM_SHUTDOWN = "event.system.shutdown";
    public static final String SYSTEM_BROADCAST = "event.system.broadcast";
    /** Addition: a gateway instance is alive (presence of its sockets expires when these stop). */
    public static final String SYSTEM_GATEWAY_HEARTBEAT = "event.system.gateway.heartbeat";

    // User-targeted notification events (additions, topic event.notification, keyed by target user)
    /** Addition: a user was @mentioned in a message. */
    public static final String NOTIFICATION_MENTION = "event.notification.mention";
    /** Addition: a user was invited to a room (the invitee's copy of event.room.invite.create). */
    public static final String NOTIFICATION_INVITE = "event.notification.invite";
    /** Addition: progress of the user's own file upload. */
    public static final String NOTIFICATION_UPLOAD_PROGRESS = "event.notification.upload.progress";
    /** Addition: the user's own file upload finished. */
    public static final String NOTIFICATION_UPLOAD_COMPLETE = "event.notification.upload.complete";

    public static final List<String> USER_EVENTS = List.of(USER_ONLINE, USER_OFFLINE, USER_TYPING_START,
            USER_TYPING_STOP, USER_STATUS_CHANGE, USER_PROFILE_UPDATE, USER_CREATE, USER_SESSION_REVOKE);
    public static final List<String> ROOM_EVENTS = List.of(ROOM_CREATE, ROOM_UPDATE, ROOM_DELETE, ROOM_JOIN,
            ROOM_LEAVE, ROOM_MEMBER_ADD, ROOM_MEMBER_REMOVE, ROOM_MEMBER_ROLE_UPDATE, ROOM_INVITE_CREATE,
            ROOM_INVITE_ACCEPT, ROOM_INVITE_REJECT, ROOM_MEMBERSHIP_SNAPSHOT);
    public static final List<String> MESSAGE_EVENTS = List.of(MESSAGE_SEND, MESSAGE_EDIT, MESSAGE_DELETE,
            MESSAGE_READ, MESSAGE_REACTION_ADD, MESSAGE_REACTION_REMOVE);
    public static final List<String> SYSTEM_EVENTS = List.of(SYSTEM_MAINTENANCE, SYSTEM_SHUTDOWN, SYSTEM_BROADCAST,
            SYSTEM_GATEWAY_HEARTBEAT);
    public static final List<String> NOTIFICATION_EVENTS = List.of(NOTIFICATION_MENTION, NOTIFICATION_INVITE,
            NOTIFICATION_UPLOAD_PROGRESS, NOTIFICATION_UPLOAD_COMPLETE);

    /** Every type, guide and additions. */
    public static final Set<String> ALL = Set.copyOf(concat(USER_EVENTS, ROOM_EVENTS, MESSAGE_EVENTS,
            SYSTEM_EVENTS, NOTIFICATION_EVENTS));

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
