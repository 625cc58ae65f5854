package dev.parley.gateway.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.data.FileData;
import dev.parley.events.data.InviteData;
import dev.parley.events.data.InviteEventData;
import dev.parley.events.data.MemberUser;
import dev.parley.events.data.MentionData;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.ReactionData;
import dev.parley.events.data.RoomChangeData;
import dev.parley.events.data.RoomData;
import dev.parley.events.data.RoomDeletedData;
import dev.parley.events.data.TypingData;
import dev.parley.events.data.UploadCompleteData;
import dev.parley.events.data.UploadProgressData;
import dev.parley.events.data.UserProfile;
import dev.parley.events.data.UserSummary;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.JsonSchemas;

/** One case per row of the event → payload table, each checked against the guide's schema of its payload. */
class EventPayloadsTest {

    static final EventPayloads payloads = new EventPayloads(ParleyJson.mapper());
    static final UUID ROOM = UUID.randomUUID();
    static final Events.Who ANN = new Events.Who(UUID.randomUUID(), "ann");
    static final Events.Who BOB = new Events.Who(UUID.randomUUID(), "bob");
    static final Instant AT = Instant.parse("2026-01-01T12:00:00Z");

    static EventEnvelope event(String type, UUID room, UUID user, Object data) {
        return EventEnvelope.create(type, "test", ANN.id(), room, user, ParleyJson.mapper().valueToTree(data), AT);
    }

    static ObjectNode profileWithChanges(Map<String, Object> changes) {
        ObjectNode data = ParleyJson.mapper().valueToTree(new UserProfile(ANN.id(), "ann", "Ann", null, "busy", AT, false,
                AT, AT));
        data.set("changes", ParleyJson.mapper().valueToTree(changes));
        return data;
    }

    static Stream<Arguments> rows() {
        EventEnvelope sent = Events.messageSent(ROOM, ANN, "hi");
        MessageData m = Events.message(sent);
        RoomData room = new RoomData(ROOM, "General", null, "group", null, false, 100, ANN.id(), AT, AT);
        InviteData invite = new InviteData(UUID.randomUUID(), ROOM, BOB.id(), ANN.id(), "pending", AT, null);
        FileData file = new FileData(UUID.randomUUID(), "a.png", "/api/v1/files/x", "image", 10, "image/png");
        UserSummary ann = new UserSummary(ANN.id(), "ann", "Ann", null);
        return Stream.of(
                Arguments.of(sent, "message"),
                Arguments.of(Events.messageEdited(m, "edited"), "message_edit"),
                Arguments.of(Events.messageDeleted(m, BOB.id()), "message_delete"),
                Arguments.of(event(EventTypes.MESSAGE_REACTION_ADD, ROOM, ANN.id(),
                        new ReactionData(m.id(), ROOM, "👍", "add", ANN.id(), 1, AT)), "message_reaction"),
                Arguments.of(event(EventTypes.MESSAGE_REACTION_REMOVE, ROOM, ANN.id(),
                        new ReactionData(m.id(), ROOM, "👍", "remove", ANN.id(), 0, AT)), "message_reaction"),
                Arguments.of(event(EventTypes.USER_TYPING_START, ROOM, ANN.id(), new TypingData(ROOM, ann, AT)), "typing_start"),
                Arguments.of(event(EventTypes.USER_TYPING_STOP, ROOM, ANN.id(), new TypingData(ROOM, ann, null)), "typing_stop"),
                Arguments.of(Events.membership(EventTypes.ROOM_JOIN, ROOM, BOB, "member", true), "user_join"),
                Arguments.of(Events.membership(EventTypes.ROOM_MEMBER_ADD, ROOM, BOB, "admin", false), "user_join"),
                Arguments.of(event(EventTypes.ROOM_INVITE_ACCEPT, ROOM, BOB.id(), new InviteEventData(invite, room, null,
                        new dev.parley.events.data.MemberData(BOB.id(), ROOM, "member", AT,
                                new MemberUser(BOB.id(), "bob", "Bob", null, "online")))), "user_join"),
                Arguments.of(memberChange(EventTypes.ROOM_LEAVE, room), "user_leave"),
                Arguments.of(memberChange(EventTypes.ROOM_MEMBER_REMOVE, room), "user_leave"),
                Arguments.of(event(EventTypes.ROOM_UPDATE, ROOM, null, new RoomChangeData(room, Map.of("name", "General"),
                        ANN.id())), "room_update"),
                Arguments.of(event(EventTypes.ROOM_DELETE, ROOM, null, new RoomDeletedData(room, ANN.id())), "room_delete"),
                Arguments.of(event(EventTypes.USER_STATUS_CHANGE, null, ANN.id(), profileWithChanges(Map.of("status", "busy"))),
                        "user_status_change"),
                Arguments.of(event(EventTypes.USER_PROFILE_UPDATE, null, ANN.id(),
                        profileWithChanges(Map.of("display_name", "Ann"))), "user_profile_update"),
                Arguments.of(event(EventTypes.NOTIFICATION_MENTION, ROOM, BOB.id(), new MentionData(ROOM, "General", m.id(),
                        ann, "hi @bob")), "notification"),
                Arguments.of(event(EventTypes.NOTIFICATION_INVITE, ROOM, BOB.id(), new InviteEventData(invite, room,
                        new MemberUser(ANN.id(), "ann", "Ann", null, "online"), null)), "notification"),
                Arguments.of(event(EventTypes.SYSTEM_BROADCAST, null, null, Map.of("title", "Hello", "message", "All hands")),
                        "notification"),
                Arguments.of(event(EventTypes.SYSTEM_MAINTENANCE, null, null, Map.of("message", "At 2am")), "notification"),
                Arguments.of(event(EventTypes.SYSTEM_SHUTDOWN, null, null, Map.of("message", "Restarting")), "notification"),
                Arguments.of(event(EventTypes.NOTIFICATION_UPLOAD_PROGRESS, null, ANN.id(),
                        new UploadProgressData(file.id(), "a.png", 40, 100, 40)), "upload_progress"),
                Arguments.of(event(EventTypes.NOTIFICATION_UPLOAD_COMPLETE, null, ANN.id(),
                        new UploadCompleteData(file.id(), file)), "upload_complete"));
    }

    static EventEnvelope memberChange(String type, RoomData room) {
        return event(type, ROOM, BOB.id(), new dev.parley.events.data.MemberChangeData(room,
                new dev.parley.events.data.MemberData(BOB.id(), ROOM, "member", AT,
                        new MemberUser(BOB.id(), "bob", "Bob", null, "online")), BOB.id(), null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rows")
    void eachEventBecomesTheGuidesPayload(EventEnvelope event, String frameType) {
        String frame = payloads.toFrame(event).orElseThrow();
        JsonSchemas.assertMatches("dev/parley/protocol/ws/server/" + frameType + ".schema.json", frame);
        JsonNode tree = ParleyJson.mapper().readTree(frame);
        assertThat(tree.get("type").asString()).isEqualTo(frameType);
        assertThat(tree.get("event_type").asString()).isEqualTo(event.type());
        assertThat(tree.get("event_id").asString()).isEqualTo(event.eventId().toString());
        assertThat(tree.get("timestamp").asString()).isEqualTo(event.occurredAt().toString());
    }

    @Test
    void everyRowIsCoveredByACase() {
        assertThat(rows().map(a -> ((EventEnvelope) a.get()[0]).type()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(payloads.eventTypes());
    }

    @Test
    void aMessageFrameAlsoCarriesTheMessagesFieldsAtTheTopForTheGuidesChatRoom() {
        EventEnvelope sent = Events.messageSent(ROOM, ANN, "hi there");
        JsonNode frame = ParleyJson.mapper().readTree(payloads.toFrame(sent).orElseThrow());
        JsonNode message = frame.get("message");
        assertThat(frame.get("type").asString()).isEqualTo("message");
        assertThat(message.get("type").asString()).isEqualTo("text");
        assertThat(frame.get("id")).isEqualTo(message.get("id"));
        assertThat(frame.get("content").asString()).isEqualTo("hi there");
        assertThat(frame.get("user")).isEqualTo(message.get("user"));
        for (String field : List.of("user_id", "reply_to", "attachments", "reactions", "created_at", "updated_at",
                "edited_at")) {
            assertThat(frame.get(field)).as(field).isEqualTo(message.get(field));
        }
    }

    @Test
    void aMentionReadsLikeTheGuidesExample() {
        EventEnvelope e = event(EventTypes.NOTIFICATION_MENTION, ROOM, BOB.id(), new MentionData(ROOM, "General Chat",
                UUID.randomUUID(), new UserSummary(ANN.id(), "john_doe", "John Doe", null), "hi"));
        JsonNode frame = ParleyJson.mapper().readTree(payloads.toFrame(e).orElseThrow());
        assertThat(frame.get("message").asString()).isEqualTo("John Doe mentioned you in General Chat");
        assertThat(frame.get("priority").asString()).isEqualTo("high");
        assertThat(frame.get("data").get("mentioned_by").asString()).isEqualTo(ANN.id().toString());
    }

    @Test
    void eventsWithoutARowAreNotPushed() {
        for (String type : List.of(EventTypes.MESSAGE_READ, EventTypes.ROOM_CREATE, EventTypes.USER_ONLINE)) {
            assertThat(payloads.toFrame(event(type, ROOM, ANN.id(), Map.of()))).isEmpty();
        }
    }
}
