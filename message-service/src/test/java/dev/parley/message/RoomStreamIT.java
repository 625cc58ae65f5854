package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.message.stream.RoomStream;

/** A room's message stream: contiguous seq in commit order, retained for resume, and {@code after_seq} paging. */
class RoomStreamIT extends MessageServiceIntegrationTest {

    @Autowired
    RoomStream stream;

    private JsonNode events(Caller c, UUID room, long afterSeq, int limit) {
        return json(body(http.get().uri("/api/v1/rooms/{id}/events?after_seq={a}&limit={l}", room, afterSeq, limit)
                .headers(h -> h.setBearerAuth(c.token())).exchange().expectStatus().isOk())).get("data");
    }

    private List<Long> kafkaSeqs(UUID room) {
        return probe.records(r -> room.toString().equals(r.key())).stream()
                .map(r -> ParleyJson.mapper().readTree(r.value()))
                .filter(e -> e.has("seq"))
                .map(e -> e.get("seq").asLong()).toList();
    }

    @Test
    void everyEventOfARoomsMessageStreamGetsTheNextSeq() {
        Caller ann = caller("ann");
        Caller bob = caller("bob");
        UUID room = room("group", ann, bob);
        JsonNode sent = say(ann, room, "one");
        assertThat(sent.get("seq").asLong()).isEqualTo(1);
        String id = sent.get("id").asString();
        http.put().uri("/api/v1/messages/{id}", id).headers(h -> h.setBearerAuth(ann.token()))
                .bodyValue(Map.of("content", "one, edited")).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/messages/{id}/reactions", id).headers(h -> h.setBearerAuth(bob.token()))
                .bodyValue(Map.of("emoji", "👍")).exchange().expectStatus().is2xxSuccessful();
        http.delete().uri("/api/v1/messages/{id}/reactions/{e}", id, "👍").headers(h -> h.setBearerAuth(bob.token()))
                .exchange().expectStatus().isOk();
        http.delete().uri("/api/v1/messages/{id}", id).headers(h -> h.setBearerAuth(ann.token()))
                .exchange().expectStatus().isOk();
        assertThat(say(bob, room, "two").get("seq").asLong()).isEqualTo(6);

        await().atMost(Duration.ofSeconds(20)).until(() -> kafkaSeqs(room).size() == 6);
        assertThat(kafkaSeqs(room)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        JsonNode all = events(bob, room, 0, 100);
        assertThat(all.get("latest_seq").asLong()).isEqualTo(6);
        assertThat(all.get("oldest_seq").asLong()).isEqualTo(1);
        assertThat(all.get("events").valueStream().map(e -> e.get("type").asString()).toList()).containsExactly(
                EventTypes.MESSAGE_SEND, EventTypes.MESSAGE_EDIT, EventTypes.MESSAGE_REACTION_ADD,
                EventTypes.MESSAGE_REACTION_REMOVE, EventTypes.MESSAGE_DELETE, EventTypes.MESSAGE_SEND);
        JsonNode tail = events(bob, room, 4, 1);
        assertThat(tail.get("events").get(0).get("seq").asLong()).isEqualTo(5);

        // a non-member may not read it
        http.get().uri("/api/v1/rooms/{id}/events", room).headers(h -> h.setBearerAuth(caller("eve").token()))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void concurrentSendsIntoOneRoomAreNumberedWithoutGapsOrRepeats() {
        Caller owner = caller("owner");
        List<Caller> writers = IntStream.range(0, 6).mapToObj(i -> caller("w" + i)).toList();
        UUID room = room("group", owner, writers.toArray(Caller[]::new));
        // six at a time, one per writer: below the instance's send concurrency (8 here), which refuses the ninth
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers.size());
        List<CompletableFuture<Long>> sends = IntStream.range(0, 30).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                say(writers.get(i % writers.size()), room, "m" + i).get("seq").asLong(), pool)).toList();
        List<Long> seqs = sends.stream().map(CompletableFuture::join).sorted().toList();
        pool.shutdown();
        assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, 30).mapToObj(Long::valueOf).toList());
        // and the log carries them in commit order: one partition per room, seq ascending
        await().atMost(Duration.ofSeconds(20)).until(() -> kafkaSeqs(room).size() == 30);
        assertThat(kafkaSeqs(room)).containsExactlyElementsOf(IntStream.rangeClosed(1, 30).mapToObj(Long::valueOf)
                .toList());
        // the message inside each event carries the same number as its envelope
        probe.records(r -> room.toString().equals(r.key())).stream().map(r -> ParleyJson.mapper().readTree(r.value()))
                .forEach(e -> assertThat(e.get("data").get("seq").asLong()).isEqualTo(e.get("seq").asLong()));
    }

    @Test
    void afterSeqPagesThroughTheMessagesInSeqOrder() {
        Caller ann = caller("ann");
        UUID room = room("group", ann);
        for (int i = 1; i <= 5; i++) {
            say(ann, room, "m" + i);
        }
        JsonNode page = json(body(http.get().uri("/api/v1/rooms/{id}/messages?after_seq=2&limit=2", room)
                .headers(h -> h.setBearerAuth(ann.token())).exchange().expectStatus().isOk()));
        assertThat(page.get("data").get("messages").valueStream().map(m -> m.get("content").asString()))
                .containsExactly("m3", "m4");
        assertThat(page.get("data").get("has_more").asBoolean()).isTrue();
        assertThat(page.get("pagination").get("total").asLong()).isEqualTo(3);
        JsonNode rest = json(body(http.get().uri("/api/v1/rooms/{id}/messages?after_seq=4&limit=2", room)
                .headers(h -> h.setBearerAuth(ann.token())).exchange().expectStatus().isOk()));
        assertThat(rest.get("data").get("messages").valueStream().map(m -> m.get("seq").asLong())).containsExactly(5L);
        assertThat(rest.get("data").get("has_more").asBoolean()).isFalse();

        http.get().uri("/api/v1/rooms/{id}/messages?after_seq=-1", room).headers(h -> h.setBearerAuth(ann.token()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.details[0].field")
                .isEqualTo("after_seq");
    }

    @Test
    void eventsOlderThanTheRecoveryWindowAreForgottenButTheirNumbersStay() {
        Caller ann = caller("ann");
        UUID room = room("group", ann);
        say(ann, room, "old");
        stream.forgetBefore(Instant.now().plusSeconds(1)).block();
        JsonNode slice = events(ann, room, 0, 10);
        assertThat(slice.get("events").isEmpty()).isTrue();
        assertThat(slice.get("latest_seq").asLong()).isEqualTo(1);
        assertThat(say(ann, room, "new").get("seq").asLong()).isEqualTo(2);
        assertThat(events(ann, room, 0, 10).get("oldest_seq").asLong()).isEqualTo(2);
    }
}
