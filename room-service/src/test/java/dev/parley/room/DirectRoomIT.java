package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.events.data.UserProfile;
import dev.parley.testinfra.Events;

/** THE direct room of two users. */
class DirectRoomIT extends RoomServiceIntegrationTest {

    private String direct(Caller from, Caller to) {
        String body = body(post(from, "/api/v1/rooms/direct/{u}", null, to.id()).expectStatus().is2xxSuccessful());
        return json(body).get("data").get("id").asString();
    }

    @Test
    void bothSidesGetTheSameRoomOfExactlyTwoMembers() {
        Caller ann = caller("ann");
        Caller ben = caller("ben");
        post(ann, "/api/v1/rooms/direct/{u}", null, ben.id()).expectStatus().isCreated()
                .expectBody().jsonPath("$.data.type").isEqualTo("direct").jsonPath("$.data.member_count").isEqualTo(2);
        String room = direct(ann, ben);
        assertThat(direct(ben, ann)).isEqualTo(room);
        post(ben, "/api/v1/rooms/direct/{u}", null, ann.id()).expectStatus().isOk();

        // no renaming, no invites, no leaving, no extra members
        patch(ann, "/api/v1/rooms/{id}", Map.of("name", "Us"), room).expectStatus().isBadRequest();
        post(ann, "/api/v1/rooms/{id}/invites", Map.of("user_id", caller("cat").id()), room).expectStatus().isBadRequest();
        post(ann, "/api/v1/rooms/{id}/leave", null, room).expectStatus().isBadRequest();
        post(ann, "/api/v1/rooms/{id}/members", Map.of("user_id", caller("dan").id()), room).expectStatus().isBadRequest();
    }

    private JsonNode chat(Caller viewer, String roomId) {
        JsonNode rooms = json(body(get(viewer, "/api/v1/rooms/my-chats").expectStatus().isOk())).get("data").get("rooms");
        return rooms.valueStream().filter(r -> r.get("id").asString().equals(roomId)).findFirst().orElseThrow();
    }

    @Test
    void aDirectRoomIsNamedForTheViewerAndFollowsTheOthersProfile() {
        Caller ann = caller("ann");
        Caller ben = caller("ben");
        String room = direct(ann, ben);

        assertThat(chat(ann, room).get("name").asString()).isEqualTo("Name ben");
        assertThat(chat(ben, room).get("name").asString()).isEqualTo("Name ann");
        JsonNode asAnnSeesIt = json(body(get(ann, "/api/v1/rooms/{id}", room).expectStatus().isOk())).get("data");
        assertThat(asAnnSeesIt.get("name").asString()).isEqualTo("Name ben");
        assertThat(json(body(post(ann, "/api/v1/rooms/direct/{u}", null, ben.id()).expectStatus().isOk()))
                .get("data").get("name").asString()).isEqualTo("Name ben");

        Instant later = Instant.now();
        publisher.publish(Events.profileUpdated(new UserProfile(ben.id(), "ben", "Benjamin", "https://img.example/ben.png",
                "online", null, false, later.minusSeconds(60), later)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "Benjamin".equals(chat(ann, room).get("name").asString()));
        assertThat(chat(ann, room).get("avatar").asString()).isEqualTo("https://img.example/ben.png");
        assertThat(chat(ben, room).get("name").asString()).isEqualTo("Name ann");
        assertThat(chat(ben, room).get("avatar").isNull()).isTrue();
    }

    @Test
    void concurrentCallsFromBothSidesCreateOneRoom() {
        Caller eve = caller("eve");
        Caller fay = caller("fay");
        List<CompletableFuture<String>> calls = IntStream.range(0, 12)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> i % 2 == 0 ? direct(eve, fay) : direct(fay, eve)))
                .toList();
        assertThat(calls.stream().map(CompletableFuture::join).distinct()).hasSize(1);
    }

    @Test
    void notWithYourselfAndNotWithAnUnknownUser() {
        Caller gus = caller("gus");
        post(gus, "/api/v1/rooms/direct/{u}", null, gus.id()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details[0].field").isEqualTo("user_id");
        post(gus, "/api/v1/rooms/direct/{u}", null, java.util.UUID.randomUUID()).expectStatus().isNotFound();
        post(gus, "/api/v1/rooms/direct/{u}", null, "not-a-uuid").expectStatus().isBadRequest();
    }
}
