package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Infinite scroll with before/after cursors. */
class CursorIT extends MessageServiceIntegrationTest {

    private JsonNode page(Caller c, UUID room, String query) {
        return json(body(http.get().uri("/api/v1/rooms/" + room + "/messages?" + query)
                .headers(h -> h.setBearerAuth(c.token())).exchange().expectStatus().isOk())).get("data");
    }

    private static List<String> contents(JsonNode data) {
        return data.get("messages").valueStream().map(m -> m.get("content").asString()).toList();
    }

    @Test
    void beforeWalksBackwardsWithoutGapsOrRepeats() {
        Caller ann = caller("ann");
        UUID room = room("group", ann);
        List<String> sent = new ArrayList<>();
        String last = null;
        for (int i = 0; i < 7; i++) {
            last = say(ann, room, "m" + i).get("id").asString();
            sent.add("m" + i);
        }
        JsonNode p1 = page(ann, room, "before=" + last + "&limit=3");
        assertThat(contents(p1)).containsExactly("m3", "m4", "m5");
        assertThat(p1.get("has_more").asBoolean()).isTrue();
        String oldest = p1.get("messages").get(0).get("id").asString();
        JsonNode p2 = page(ann, room, "before=" + oldest + "&limit=3");
        assertThat(contents(p2)).containsExactly("m0", "m1", "m2");
        assertThat(p2.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void pagingWithAfterWhileOthersSendNeverSkipsOrRepeatsAMessage() throws Exception {
        Caller reader = caller("reader");
        List<Caller> writers = IntStream.range(0, 4).mapToObj(i -> caller("w" + i)).toList();
        UUID room = room("group", reader, writers.toArray(Caller[]::new));
        String start = say(reader, room, "start").get("id").asString();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<List<String>>> sends = new ArrayList<>();
        for (Caller w : writers) {
            sends.add(CompletableFuture.supplyAsync(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    ids.add(say(w, room, w.name() + "-" + i).get("id").asString());
                }
                return ids;
            }, pool));
        }

        List<String> seen = new ArrayList<>();
        String cursor = start;
        boolean writing = true;
        while (writing || true) {
            writing = sends.stream().anyMatch(f -> !f.isDone());
            JsonNode p = page(reader, room, "after=" + cursor + "&limit=5");
            for (JsonNode m : p.get("messages")) {
                seen.add(m.get("id").asString());
                cursor = m.get("id").asString();
            }
            if (!writing && !p.get("has_more").asBoolean()) {
                break;
            }
        }
        pool.shutdown();

        List<String> all = sends.stream().flatMap(f -> f.join().stream()).toList();
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        // and in the room's own order
        List<String> history = new ArrayList<>();
        JsonNode everything = page(reader, room, "after=" + start + "&limit=100");
        everything.get("messages").forEach(m -> history.add(m.get("id").asString()));
        assertThat(seen).containsExactlyElementsOf(history);
    }

    @Test
    void aCursorFromAnotherRoomIsRefused() {
        Caller ann = caller("ann");
        UUID room = room("group", ann);
        UUID other = room("group", ann);
        String foreign = say(ann, other, "elsewhere").get("id").asString();
        http.get().uri("/api/v1/rooms/{r}/messages?after={c}", room, foreign).headers(h -> h.setBearerAuth(ann.token()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.details[0].field").isEqualTo("after");
        http.get().uri("/api/v1/rooms/{r}/messages?after={c}&before={c}", room, foreign, foreign)
                .headers(h -> h.setBearerAuth(ann.token())).exchange().expectStatus().isBadRequest();
        assertThat(Map.of()).isEmpty();
    }
}
