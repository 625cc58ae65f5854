package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

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
