package dev.parley.gateway.payload;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;

/**
 * The one table from a Kafka event type to the guide's WebSocket payload. Every payload carries the guide's
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
                Map.entry(EventTypes.MESSAGE_SEND, new Row("message", EventPayloads::message)),
                Map.entry(EventTypes.MESSAGE_EDIT, new Row("message_edit", (e, out) -> out
                        .put("room_id", str(e.roomId()))
                        .put("message_id", text(e.data(), "id"))
                        .put("content", text(e.data(), "content"))
                        .put("edited_at", text(e.data(), "edited_at"))
                        .put("user_id", text(e.data(), "user_id")))),
                Map.entry(EventTypes.MESSAGE_DELETE, new Row("message_delete", (e, out) -> out
                        .put("room_id", str(e.roomId()))
                        .put("message_id", text(e.data(), "message_id"))
                        .put("user_id", text(e.data(), "deleted_by")))),
                Map.entry(EventTypes.MESSAGE_REACTION_ADD, new Row("message_reaction", EventPayloads::reaction)),
                Map.entry(EventTypes.MESSAGE_REACTION_REMOVE, new Row("message_reaction", EventPayloads::reaction)),
                Map.entry(EventTypes.USER_TYPING_START, new Row("typing_start", EventPayloads::typing)),
                Map.entry(EventTypes.USER_TYPING_STOP, new Row("typing_stop", EventPayloads::typing)),
                Map.entry(EventTypes.ROOM_JOIN, new Row("user_join", EventPayloads::join)),
                Map.entry(EventTypes.ROOM_MEMBER_ADD, new Row("user_join", EventPayloads::join)),
                Map.entry(EventTypes.ROOM_INVITE_ACCEPT, new Row("user_join", EventPayloads::join)),
                Map.entry(EventTypes.ROOM_LEAVE, new Row("user_leave", EventPayloads::leave)),
                Map.entry(EventTypes.ROOM_MEMBER_REMOVE, new Row("user_leave", EventPayloads::leave)),
                Map.entry(EventTypes.ROOM_UPDATE, new Row("room_update", (e, out) -> out
                        .put("room_id", str(e.roomId()))
                        .<ObjectNode>set("changes", e.data().path("changes").isObject() ? e.data().get("changes")
                                : out.objectNode())
                        .put("updated_by", text(e.data(), "updated_by")))),
                Map.entry(EventTypes.ROOM_DELETE, new Row("room_delete", (e, out) -> out
                        .put("room_id", str(e.roomId()))
                        .put("deleted_by", text(e.data(), "deleted_by")))),
                Map.entry(EventTypes.USER_STATUS_CHANGE, new Row("user_status_change", (e, out) -> out
                        .put("user_id", str(e.userId()))
                        .put("status", text(e.data(), "status"))
                        .put("last_seen", text(e.data(), "last_seen")))),
                Map.entry(EventTypes.USER_PROFILE_UPDATE, new Row("user_profile_update", (e, out) -> out
                        .put("user_id", str(e.userId()))
                        .<ObjectNode>set("changes", e.data().path("changes").isObject() ? e.data().get("changes")
                                : out.objectNode()))),
                Map.entry(EventTypes.NOTIFICATION_MENTION, new Row("notification", EventPayloads::mention)),
                Map.entry(EventTypes.NOTIFICATION_INVITE, new Row("notification", EventPayloads::invite)),
                Map.entry(EventTypes.SYSTEM_BROADCAST, new Row("notification", (e, out) -> system(e, out, "system"))),
                Map.entry(EventTypes.SYSTEM_MAINTENANCE, new Row("notification",
                        (e, out) -> system(e, out, "maintenance"))),
                Map.entry(EventTypes.SYSTEM_SHUTDOWN, new Row("notification", (e, out) -> system(e, out, "shutdown"))),
                Map.entry(EventTypes.NOTIFICATION_UPLOAD_PROGRESS, new Row("upload_progress", (e, out) -> out
                        .put("upload_id", text(e.data(), "upload_id"))
                        .put("filename", text(e.data(), "filename"))
                        .put("progress", e.data().path("progress").asInt())
                        .put("total_size", e.data().path("total_size").asLong())
                        .put("uploaded_size", e.data().path("uploaded_size").asLong()))),
                Map.entry(EventTypes.NOTIFICATION_UPLOAD_COMPLETE, new Row("upload_complete", (e, out) -> out
                        .put("upload_id", text(e.data(), "upload_id"))
                        .set("file", e.data().get("file")))));
    }

    /**
     * The guide's {@code message} payload, and, as a compatibility choice, the message's own fields at the top
     * level as well: the guide's {@code ChatRoom} appends the frame itself to its list of Message objects and
     * renders {@code content}, {@code user} and {@code id} from it. The frame's {@code type} stays the frame's.
     */
    static final java.util.List<String> MESSAGE_FIELDS_AT_TOP = java.util.List.of("id", "content", "user_id", "user",
            "reply_to", "attachments", "reactions", "created_at", "updated_at", "edited_at");

    private static void message(EventEnvelope e, ObjectNode out) {
        out.put("room_id", str(e.roomId())).set("message", e.data());
        for (String field : MESSAGE_FIELDS_AT_TOP) {
            JsonNode value = e.data().get(field);
            out.set(field, value == null ? out.nullNode() : value);
        }
    }

    private static void reaction(EventEnvelope e, ObjectNode out) {
        out.put("room_id", str(e.roomId()))
                .put("message_id", text(e.data(), "message_id"))
                .put("emoji", text(e.data(), "emoji"))
                .put("action", text(e.data(), "action"))
                .put("user_id", text(e.data(), "user_id"))
                .put("reaction_count", e.data().path("reaction_count").asInt());
    }

    private static void typing(EventEnvelope e, ObjectNode out) {
        JsonNode user = e.data().path("user");
        out.put("room_id", str(e.roomId())).put("user_id", str(e.userId()));
        out.putObject("user").put("id", text(user, "id")).put("username", text(user, "username"))
                .put("display_name", text(user, "display_name"));
    }

    private static void join(EventEnvelope e, ObjectNode out) {
        JsonNode member = e.data().path("member");
        JsonNode user = member.path("user");
        out.put("room_id", str(e.roomId())).put("user_id", text(member, "user_id"));
        out.putObject("user").put("id", text(user, "id")).put("username", text(user, "username"))
                .put("display_name", text(user, "display_name")).put("avatar", text(user, "avatar"));
        out.put("role", text(member, "role"));
    }

    private static void leave(EventEnvelope e, ObjectNode out) {
        JsonNode member = e.data().path("member");
        JsonNode user = member.path("user");
        out.put("room_id", str(e.roomId())).put("user_id", str(e.userId()));
        out.putObject("user").put("id", str(e.userId())).put("username", text(user, "username"))
                .put("display_name", text(user, "display_name"));
    }

    private static void mention(EventEnvelope e, ObjectNode out) {
        JsonNode by = e.data().path("mentioned_by");
        String who = by.hasNonNull("display_name") ? by.get("display_name").asString() : text(by, "username");
        String where = e.data().hasNonNull("room_name") && !e.data().get("room_name").asString().isEmpty()
                ? e.data().get("room_name").asString() : "a conversation";
        out.put("notification_type", "mention").put("title", "You were mentioned")
                .put("message", who + " mentioned you in " + where);
        out.putObject("data").put("room_id", text(e.data(), "room_id")).put("message_id", text(e.data(), "message_id"))
                .put("mentioned_by", text(by, "id"));
        out.put("priority", "high");
    }

    private static void invite(EventEnvelope e, ObjectNode out) {
        JsonNode inviter = e.data().path("inviter");
        JsonNode room = e.data().path("room");
        String who = inviter.hasNonNull("display_name") ? inviter.get("display_name").asString() : "Someone";
        String where = room.hasNonNull("name") ? room.get("name").asString() : "a room";
        out.put("notification_type", "invite").put("title", "You were invited")
                .put("message", who + " invited you to " + where);
        out.putObject("data").put("room_id", text(room, "id")).put("invite_id", e.data().path("invite").path("id")
                .asString(null)).put("invited_by", text(inviter, "id"));
        out.put("priority", "normal");
    }

    private static void system(EventEnvelope e, ObjectNode out, String kind) {
        JsonNode d = e.data();
        out.put("notification_type", kind)
                .put("title", d.hasNonNull("title") ? d.get("title").asString() : defaultTitle(kind))
                .put("message", d.hasNonNull("message") ? d.get("message").asString() : "");
        out.set("data", d.path("data").isObject() ? d.get("data") : out.objectNode());
        out.put("priority", d.hasNonNull("priority") ? d.get("priority").asString()
                : "shutdown".equals(kind) ? "high" : "normal");
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

    private static String text(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asString() : null;
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
    public java.util.Set<String> eventTypes() {
        return table.keySet();
    }
}
