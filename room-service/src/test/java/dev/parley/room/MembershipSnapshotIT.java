package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.Topics;
import dev.parley.testinfra.KafkaProbe;

/** Every membership change also publishes the room's whole membership on the compacted room.membership (ADR 0010). */
class MembershipSnapshotIT extends RoomServiceIntegrationTest {

    static KafkaProbe snapshots;

    @BeforeAll
    static void openSnapshots() {
        snapshots = KafkaProbe.open(Topics.ROOM_MEMBERSHIP);
    }

    @AfterAll
    static void closeSnapshots() {
        snapshots.close();
    }

    private static List<JsonNode> of(String roomId) {
        return snapshots.records(r -> roomId.equals(r.key())).stream().map(r -> ParleyJson.mapper().readTree(r.value()))
                .toList();
    }

    private static JsonNode latest(String roomId) {
        List<JsonNode> all = of(roomId);
        return all.get(all.size() - 1);
    }

    private static List<String> members(JsonNode snapshot) {
        return snapshot.get("data").get("members").valueStream().map(JsonNode::asString).sorted().toList();
    }

    @Test
    void theSnapshotFollowsEveryChangeOfWhoIsInTheRoom() {
        Caller owner = caller("owner");
        Caller joiner = caller("joiner");
        String room = publicRoom(owner);
        await().atMost(Duration.ofSeconds(20)).until(() -> of(room).size() == 1);
        JsonNode first = latest(room);
        assertThat(first.get("type").asString()).isEqualTo(EventTypes.ROOM_MEMBERSHIP_SNAPSHOT);
        assertThat(members(first)).containsExactly(owner.id().toString());
        assertThat(first.get("data").get("is_public").asBoolean()).isTrue();

        post(joiner, "/api/v1/rooms/{id}/join", null, room).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> of(room).size() == 2);
        assertThat(members(latest(room))).containsExactlyElementsOf(
                java.util.stream.Stream.of(owner.id().toString(), joiner.id().toString()).sorted().toList());

        post(joiner, "/api/v1/rooms/{id}/leave", null, room).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> of(room).size() == 3);
        assertThat(members(latest(room))).containsExactly(owner.id().toString());

        delete(owner, "/api/v1/rooms/{id}", room).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> of(room).size() == 4);
        assertThat(latest(room).get("data").get("deleted").asBoolean()).isTrue();
        assertThat(members(latest(room))).isEmpty();
    }
}
