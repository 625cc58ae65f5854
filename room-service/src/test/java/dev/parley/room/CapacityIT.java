package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** max_members holds under a race. */
class CapacityIT extends RoomServiceIntegrationTest {

    @Test
    void fiftyConcurrentJoinsIntoTenFreePlacesAdmitExactlyTen() {
        Caller owner = caller("owner");
        String room = createRoom(owner, Map.of("name", "Ten seats", "type", "public", "max_members", 11));
        List<Caller> crowd = IntStream.range(0, 50).mapToObj(i -> stranger("fan" + i)).toList();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> joins = crowd.stream().map(c -> CompletableFuture.supplyAsync(() ->
                    post(c, "/api/v1/rooms/{id}/join", null, room).returnResult(String.class).getStatus().value(), pool))
                    .toList();
            List<Integer> statuses = joins.stream().map(CompletableFuture::join).toList();
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
            assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(40);
        } finally {
            pool.shutdown();
        }
        get(owner, "/api/v1/rooms/{id}", room).expectStatus().isOk().expectBody().jsonPath("$.data.member_count")
                .isEqualTo(11);
    }
}
