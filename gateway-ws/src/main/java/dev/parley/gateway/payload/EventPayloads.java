package dev.parley.gateway.payload;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.EventCatalog;
import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.data.InviteEventData;
import dev.parley.events.data.MemberChangeData;
import dev.parley.events.data.MemberData;
import dev.parley.events.data.MemberUser;
import dev.parley.events.data.MentionData;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.MessageDeletedData;
import dev.parley.events.data.ReactionData;
import dev.parley.events.data.RoomChangeData;
import dev.parley.events.data.RoomDeletedData;
import dev.parley.events.data.RoomMembershipData;
import dev.parley.events.data.SystemNoticeData;
import dev.parley.events.data.TypingData;
import dev.parley.events.data.UploadCompleteData;
import dev.parley.events.data.UploadProgressData;
import dev.parley.events.data.UserChangeData;
import dev.parley.events.data.UserSummary;

/**
 * The one table from a Kafka event type to the guide's WebSocket payload. Each row decodes the event's {@code data}
 * into the record of its type ({@link EventCatalog}), never by field names. Every payload carries the guide's
 * fields, {@code event_type} (the backend constant), {@code event_id} and {@code timestamp} (when it happened).
 * Types without a row are not pushed (e.g. {@code event.message.read}, {@code event.room.create}).
 */
public final class EventPayloads {

    private final JsonMapper mapper;
    private final Map<String, Row> table;

    /** A row: the guide's {@code type} and how to fill the rest from the event. */
    record Row(String frameType, BiConsumer<EventEnvelope, ObjectNode> fill) {
    }

    public EventPayloads(JsonMapper mapper) {
        this.mapper = mapper;
        this.table = Map.ofEntries(
                Map.entry(EventTypes.MESSAGE_SEND, new Row("message", this::message)),
                Map.entry(EventTypes.MESSAGE_EDIT, new Row("message_edit", (e, out) -> {
                    MessageData m = EventCatalog.data(e, MessageData.class);
                    out.put("room_id", str(e.roomId())).put("message_id", str(m.id())).put("content", m.content())
                            .put("edited_at", str(m.editedAt())).put("user_id", str(m.userId()));
                })),
                Map.entry(EventTypes.MESSAGE_DELETE, new Row("message_delete", (e, out) -> {
                    MessageDeletedData d = EventCatalog.data(e, MessageDeletedData.class);
                    out.put("room_id", str(e.roomId())).put("message_id", str(d.messageId()))
                            .put("user_id", str(d.deletedBy()));
                })),
                Map.entry(EventTypes.MESSAGE_REACTION_ADD, new Row("message_reaction", EventPayloads::reaction)),
                Map.entry(EventTypes.MESSAGE_REACTION_REMOVE, new Row("message_reaction", EventPayloads::reaction)),
                Map.entry(EventTypes.USER_TYPING_START, new Row("typing_start", EventPayloads::typing)),
                Map.entry(EventTypes.USER_TYPING_STOP, new Row("typing_stop", EventPayloads::typing)),
                Map.entry(EventTypes.ROOM_JOIN, new Row("user_join", (e, out) -> join(e, out,
                        EventCatalog.data(e, RoomMembershipData.class).member()))),
                Map.entry(EventTypes.ROOM_MEMBER_ADD, new Row("user_join", (e, out) -> join(e, out,
                        EventCatalog.data(e, RoomMembershipData.class).member()))),
                Map.entry(EventTypes.ROOM_INVITE_ACCEPT, new Row("user_join", (e, out) -> join(e, out,
                        EventCatalog.data(e, InviteEventData.class).member()))),
                Map.entry(EventTypes.ROOM_LEAVE, new Row("user_leave", EventPayloads::leave)),
                Map.entry(EventTypes.ROOM_MEMBER_REMOVE, new Row("user_leave", EventPayloads::leave)),
                Map.entry(EventTypes.ROOM_UPDATE, new Row("room_update", (e, out) -> {
                    RoomChangeData d = EventCatalog.data(e, RoomChangeData.class);
                    out.put("room_id", str(e.roomId()))
                            .<ObjectNode>set("changes", changes(d.changes()))
                            .put("updated_by", str(d.updatedBy()));
                })),
                Map.entry(EventTypes.ROOM_DELETE, new Row("room_delete", (e, out) -> out
                        .put("room_id", str(e.roomId()))
                        .put("deleted_by", str(EventCatalog.data(e, RoomDeletedData.class).deletedBy())))),
                Map.entry(EventTypes.USER_STATUS_CHANGE, new Row("user_status_change", (e, out) -> {
                    UserChangeData d = EventCatalog.data(e, UserChangeData.class);
                    out.put("user_id", str(e.userId())).put("status", d.status()).put("last_seen", str(d.lastSeen()));
                })),
                Map.entry(EventTypes.USER_PROFILE_UPDATE, new Row("user_profile_update", (e, out) -> out
                        .put("user_id", str(e.userId()))
                        .set("changes", changes(EventCatalog.data(e, UserChangeData.class).changes())))),
                Map.entry(EventTypes.NOTIFICATION_MENTION, new Row("notification", EventPayloads::mention)),
                Map.entry(EventTypes.NOTIFICATION_INVITE, new Row("notification", EventPayloads::invite)),
                Map.entry(EventTypes.SYSTEM_BROADCAST, new Row("notification", (e, out) -> system(e, out, "system"))),
                Map.entry(EventTypes.SYSTEM_MAINTENANCE, new Row("notification",
                        (e, out) -> system(e, out, "maintenance"))),
                Map.entry(EventTypes.SYSTEM_SHUTDOWN, new Row("notification", (e, out) -> system(e, out, "shutdown"))),
                Map.entry(EventTypes.NOTIFICATION_UPLOAD_PROGRESS, new Row("upload_progress", (e, out) -> {
                    UploadProgressData d = EventCatalog.data(e, UploadProgressData.class);
                    out.put("upload_id", str(d.uploadId())).put("filename", d.filename())
                            .put("progress", d.progress()).put("total_size", d.totalSize())
                            .put("uploaded_size", d.uploadedSize());
                })),
                Map.entry(EventTypes.NOTIFICATION_UPLOAD_COMPLETE, new Row("upload_complete", (e, out) -> {
                    UploadCompleteData d = EventCatalog.data(e, UploadCompleteData.class);
                    out.put("upload_id", str(d.uploadId())).set("file", mapper.valueToTree(d.file()));
                })));
    }

    /**
     * The guide's {@code message} payload, and, as a compatibility choice, the message's own fields at the top
     * level as well: the guide's {@code ChatRoom} appends the frame itself to its list of Message objects and
     * renders {@code content}, {@code user} and {@code id} from it. The frame's {@code type} stays the frame's.
     */
    static final List<String> MESSAGE_FIELDS_AT_TOP = List.of("id", "content", "user_id", "user",
            "reply_to", "attachments", "reactions", "created_at", "updated_at", "edited_at");

    private void message(EventEnvelope e, ObjectNode out) {
        ObjectNode message = mapper.valueToTree(EventCatalog.data(e, MessageData.class));
        out.put("room_id", str(e.roomId())).set("message", message);
        for (String field : MESSAGE_FIELDS_AT_TOP) {
            JsonNode value = message.get(field);
            out.set(field, value == null ? out.nullNode() : value);
        }
    }

    private ObjectNode changes(Map<String, Object> changes) {
        return changes == null ? mapper.createObjectNode() : mapper.valueToTree(changes);
    }

    private static void reaction(EventEnvelope e, ObjectNode out) {
        ReactionData d = EventCatalog.data(e, ReactionData.class);
        out.put("room_id", str(e.roomId())).put("message_id", str(d.messageId())).put("emoji", d.emoji())
                .put("action", d.action()).put("user_id", str(d.userId())).put("reaction_count", d.reactionCount());
    }

    private static void typing(EventEnvelope e, ObjectNode out) {
        UserSummary user = EventCatalog.data(e, TypingData.class).user();
        out.put("room_id", str(e.roomId())).put("user_id", str(e.userId()));
        out.putObject("user").put("id", str(user.id())).put("username", user.username())
                .put("display_name", user.displayName());
    }

    private static void join(EventEnvelope e, ObjectNode out, MemberData member) {
        MemberUser user = member.user();
        out.put("room_id", str(e.roomId())).put("user_id", str(member.userId()));
        out.putObject("user").put("id", user == null ? str(member.userId()) : str(user.id()))
                .put("username", user == null ? null : user.username())
                .put("display_name", user == null ? null : user.displayName())
                .put("avatar", user == null ? null : user.avatar());
        out.put("role", member.role());
    }

    private static void leave(EventEnvelope e, ObjectNode out) {
        MemberUser user = EventCatalog.data(e, MemberChangeData.class).member().user();
        out.put("room_id", str(e.roomId())).put("user_id", str(e.userId()));
        out.putObject("user").put("id", str(e.userId())).put("username", user == null ? null : user.username())
                .put("display_name", user == null ? null : user.displayName());
    }

    private static void mention(EventEnvelope e, ObjectNode out) {
        MentionData d = EventCatalog.data(e, MentionData.class);
        UserSummary by = d.mentionedBy();
        String who = by.displayName() != null ? by.displayName() : by.username();
        String where = d.roomName() != null && !d.roomName().isEmpty() ? d.roomName() : "a conversation";
        out.put("notification_type", "mention").put("title", "You were mentioned")
                .put("message", who + " mentioned you in " + where);
        out.putObject("data").put("room_id", str(d.roomId())).put("message_id", str(d.messageId()))
                .put("mentioned_by", str(by.id()));
        out.put("priority", "high");
    }

    private static void invite(EventEnvelope e, ObjectNode out) {
        InviteEventData d = EventCatalog.data(e, InviteEventData.class);
        MemberUser inviter = d.inviter();
        String who = inviter != null && inviter.displayName() != null ? inviter.displayName() : "Someone";
        String where = d.room().name() != null ? d.room().name() : "a room";
        out.put("notification_type", "invite").put("title", "You were invited")
                .put("message", who + " invited you to " + where);
        out.putObject("data").put("room_id", str(d.room().id())).put("invite_id", str(d.invite().id()))
                .put("invited_by", inviter == null ? null : str(inviter.id()));
        out.put("priority", "normal");
    }

    private void system(EventEnvelope e, ObjectNode out, String kind) {
        SystemNoticeData d = EventCatalog.data(e, SystemNoticeData.class);
        out.put("notification_type", kind)
                .put("title", d.title() != null ? d.title() : defaultTitle(kind))
                .put("message", d.message() != null ? d.message() : "");
        out.set("data", d.data() == null ? out.objectNode() : mapper.valueToTree(d.data()));
        out.put("priority", d.priority() != null ? d.priority() : "shutdown".equals(kind) ? "high" : "normal");
    }

    private static String defaultTitle(String kind) {
        return switch (kind) {
            case "maintenance" -> "Scheduled maintenance";
            case "shutdown" -> "Server restarting";
            default -> "Announcement";
        };
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** The payload for an event, or empty when the event is not pushed to sockets. */
    public Optional<String> toFrame(EventEnvelope event) {
        Row row = table.get(event.type());
        if (row == null) {
            return Optional.empty();
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("type", row.frameType()).put("event_type", event.type()).put("event_id", event.eventId().toString());
        row.fill().accept(event, out);
        if (event.seq() != null) {
            out.put("seq", event.seq()); // a room's message stream: Parley's gap detection and resume
        }
        out.put("timestamp", event.occurredAt().toString());
        return Optional.of(mapper.writeValueAsString(out));
    }

    public boolean handles(String type) {
        return table.containsKey(type);
    }

    /** The guide's frame type an event becomes, if any. */
    public Optional<String> frameType(String eventType) {
        return Optional.ofNullable(table.get(eventType)).map(Row::frameType);
    }

    /** Every event type that has a row. */
    public Set<String> eventTypes() {
        return table.keySet();
    }
}
