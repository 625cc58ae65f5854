package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.data.MessageData;
import dev.parley.events.data.UserSummary;

class EventContractTest {

    private static final List<String> GUIDE_CONSTANTS = List.of(
            "event.user.online", "event.user.offline", "event.user.typing.start", "event.user.typing.stop",
            "event.user.status.change", "event.user.profile.update",
            "event.room.create", "event.room.update", "event.room.delete", "event.room.join", "event.room.leave",
            "event.room.member.add", "event.room.member.remove", "event.room.member.role.update",
            "event.room.invite.create", "event.room.invite.accept", "event.room.invite.reject",
            "event.message.send", "event.message.edit", "event.message.delete", "event.message.read",
            "event.message.reaction.add", "event.message.reaction.remove",
            "event.system.maintenance", "event.system.shutdown", "event.system.broadcast");

    private final Schema envelopeSchema = loadSchema();

    @Test
    void everyGuideConstantIsKnownAndRoutedToItsAggregateTopic() {
        assertThat(EventTypes.ALL).containsAll(GUIDE_CONSTANTS);
        for (String type : GUIDE_CONSTANTS) {
            String topic = Topics.forType(type);
            assertThat(Topics.ALL).contains(topic);
        }
        assertThat(Topics.forType(EventTypes.MESSAGE_EDIT)).isEqualTo(Topics.MESSAGE);
        assertThat(Topics.forType(EventTypes.USER_TYPING_START)).isEqualTo(Topics.TYPING);
        assertThat(Topics.forType(EventTypes.ROOM_INVITE_ACCEPT)).isEqualTo(Topics.ROOM);
        assertThat(Topics.forType(EventTypes.NOTIFICATION_MENTION)).isEqualTo(Topics.NOTIFICATION);
        assertThat(Topics.forType(EventTypes.SYSTEM_BROADCAST)).isEqualTo(Topics.SYSTEM);
    }

    @Test
    void levelsFollowTheGuide() {
        assertThat(EventLevel.of(EventTypes.USER_TYPING_STOP)).isEqualTo(EventLevel.USER);
        assertThat(EventLevel.of(EventTypes.ROOM_MEMBER_ROLE_UPDATE).wireName()).isEqualTo("room");
        assertThatThrownBy(() -> EventLevel.of("message.send")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRoomsEventsAreKeyedByTheRoomAndAUsersByTheUser() {
        UUID room = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        JsonNode data = ParleyJson.mapper().createObjectNode();
        assertThat(EventEnvelope.create(EventTypes.MESSAGE_SEND, "t", user, room, user, data, Instant.now()).key())
                .isEqualTo(room.toString());
        assertThat(EventEnvelope.create(EventTypes.ROOM_JOIN, "t", user, room, user, data, Instant.now()).key())
                .isEqualTo(room.toString());
        assertThat(EventEnvelope.create(EventTypes.USER_CREATE, "t", user, null, user, data, Instant.now()).key())
                .isEqualTo(user.toString());
        assertThat(EventEnvelope.create(EventTypes.SYSTEM_BROADCAST, "t", null, null, null, data, Instant.now()).key())
                .isNull();
    }

    @Test
    void theEnvelopeIsSnakeCaseWithIsoUtcTimestampsAndMatchesItsSchema() throws Exception {
        UUID room = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-01T12:00:00.123Z");
        MessageData message = new MessageData(UUID.randomUUID(), room, user, "Hello", "text", null, List.of(),
                List.of(), new UserSummary(user, "john_doe", "John Doe", null), null, at, at, null);
        EventEnvelope envelope = EventEnvelope.create(EventTypes.MESSAGE_SEND, "message-service", user, room, user,
                ParleyJson.mapper().valueToTree(message), at);

        String json = ParleyJson.mapper().writeValueAsString(envelope);
        JsonNode tree = ParleyJson.mapper().readTree(json);

        assertThat(tree.get("event_id").asString()).isEqualTo(envelope.eventId().toString());
        assertThat(tree.get("occurred_at").asString()).isEqualTo("2026-01-01T12:00:00.123Z");
        assertThat(tree.get("level").asString()).isEqualTo("message");
        assertThat(tree.get("data").get("room_id").asString()).isEqualTo(room.toString());
        assertThat(tree.get("data").has("reply_to")).isTrue();
        assertThat(tree.get("data").get("reply_to").isNull()).isTrue();
        assertThat(tree.get("data").get("user").get("display_name").asString()).isEqualTo("John Doe");
        assertThat(errors(json)).isEmpty();

        EventEnvelope back = ParleyJson.mapper().readValue(json, EventEnvelope.class);
        assertThat(back).isEqualTo(envelope);
        assertThat(ParleyJson.mapper().treeToValue(back.data(), MessageData.class)).isEqualTo(message);
    }

    @Test
    void theSchemaRejectsAnEnvelopeWithoutIdOrWithALocalTimestamp() {
        ObjectNode bad = ParleyJson.mapper().createObjectNode();
        bad.put("type", "event.message.send").put("level", "message").put("version", 1)
                .put("occurred_at", "2026-01-01T12:00:00+02:00").put("producer", "x");
        bad.putObject("data");
        assertThat(errors(bad.toString())).extracting(Error::getMessage)
                .anySatisfy(m -> assertThat(m).contains("event_id"))
                .anySatisfy(m -> assertThat(m).contains("Z$"));
    }

    @Test
    void readersIgnoreFieldsAddedByNewerProducers() {
        String json = """
                {"event_id":"%s","type":"event.user.create","level":"user","version":1,
                 "occurred_at":"2026-01-01T12:00:00Z","producer":"auth-service","data":{},"added_later":42}
                """.formatted(UUID.randomUUID());
        assertThat(ParleyJson.mapper().readValue(json, EventEnvelope.class).type()).isEqualTo(EventTypes.USER_CREATE);
    }

    private List<Error> errors(String json) {
        return envelopeSchema.validate(json, InputFormat.JSON);
    }

    private static Schema loadSchema() {
        InputStream in = EventContractTest.class.getResourceAsStream("/dev/parley/events/schema/envelope.schema.json");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
}
