package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Past {@code send-concurrency} sends in progress (8 here), one more is refused at once with 503 and
 * {@code Retry-After}, not queued behind them; the ones in progress complete, and the refused one wrote nothing.
 */
class OverloadIT extends MessageServiceIntegrationTest {

    @Autowired
    Environment env;

    @Test
    void aSendPastTheConcurrencyLimitIsRefusedAtOnceAndTheOthersComplete() throws Exception {
        Caller ann = caller("ann");
        registered(ann);
        UUID room = room("group", ann);
        say(ann, room, "before");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Connection db = DriverManager.getConnection(env.getProperty("spring.flyway.url"),
                env.getProperty("spring.flyway.user"), env.getProperty("spring.flyway.password"))) {
            // the room's lock (the one every send of the room takes): the next 8 sends wait on it
            lock(db, "SELECT pg_advisory_lock(hashtextextended(?, 0))", room);
            List<CompletableFuture<Integer>> held = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
                    () -> send(ann, Map.of("room_id", room, "content", "held " + i)).returnResult(String.class)
                            .getStatus().value(), pool)).toList();
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnAdvisoryLocks(db) == 8);

            String refused = body(send(ann, Map.of("room_id", room, "content", "one too many"))
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1"));
            JsonNode error = json(refused);
            assertThat(error.get("success").asBoolean()).isFalse();
            assertThat(error.get("error").get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");

            lock(db, "SELECT pg_advisory_unlock(hashtextextended(?, 0))", room);
            assertThat(held.stream().map(CompletableFuture::join)).containsOnly(201);
        } finally {
            pool.shutdownNow();
        }
        JsonNode page = json(body(http.get().uri("/api/v1/rooms/{id}/messages?limit=50", room)
                .headers(h -> h.setBearerAuth(ann.token())).exchange().expectStatus().isOk()));
        assertThat(page.get("data").get("messages")).hasSize(9);
        assertThat(page.get("data").get("messages").toString()).doesNotContain("one too many");
        // and the instance accepts sends again
        say(ann, room, "after");
    }

    private static void lock(Connection db, String sql, UUID room) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, room.toString());
            s.execute();
        }
    }

    private static int waitingOnAdvisoryLocks(Connection db) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = "
                        + "(SELECT oid FROM pg_database WHERE datname = current_database())");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }
}
