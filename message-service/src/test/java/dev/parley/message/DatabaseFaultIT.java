package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

import dev.parley.testinfra.TestInfra;

/**
 * PostgreSQL terminating the service's connections under load (issue #14: {@code pg_terminate_backend} every few
 * seconds gave sends 500): a request whose connection was lost runs once more, else it is a 503 with
 * {@code Retry-After} in the error envelope; never a 500.
 */
class DatabaseFaultIT extends MessageServiceIntegrationTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;

    @Test
    void lostConnectionsAreRetriedOrRefusedWith503NeverA500() throws Exception {
        Caller ann = caller("ann");
        List<Caller> senders = List.of(caller("s1"), caller("s2"), caller("s3"), caller("s4"));
        UUID room = room("group", ann, senders.toArray(Caller[]::new));
        String database = db.sql("SELECT current_database() AS d").map(r -> r.get("d", String.class)).one().block();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger terminated = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<?> killer = pool.submit(() -> {
                while (running.get()) {
                    terminated.addAndGet(TestInfra.terminateConnections(database));
                    // every 200 ms: harsher than a failover (the issue tried every 5 s), and the requests between
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            });
            List<Future<List<EntityExchangeResult<String>>>> clients = new ArrayList<>();
            for (Caller sender : senders) {
                clients.add(pool.submit(() -> {
                    List<EntityExchangeResult<String>> results = new ArrayList<>();
                    for (int i = 0; i < 25; i++) { // under the send limit (30 here)
                        // sends (a transaction) and reads (single statements), each retried by nobody but the service
                        results.add(send(sender, Map.of("room_id", room, "content", "under fire",
                                "client_message_id", UUID.randomUUID().toString()))
                                .expectBody(String.class).returnResult());
                        results.add(http.get().uri("/api/v1/rooms/{id}/messages?limit=5", room)
                                .headers(h -> h.setBearerAuth(sender.token())).exchange()
                                .expectBody(String.class).returnResult());
                    }
                    return results;
                }));
            }
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<List<EntityExchangeResult<String>>> client : clients) {
                for (EntityExchangeResult<String> r : client.get(5, TimeUnit.MINUTES)) {
                    int status = r.getStatus().value();
                    byStatus.merge(status, 1, Integer::sum);
                    if (status == 503) {
                        assertThat(r.getResponseHeaders().getFirst("Retry-After")).isNotNull();
                        JsonNode body = json(r.getResponseBody());
                        assertThat(body.get("error").get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
                    }
                }
            }
            running.set(false);
            killer.get(30, TimeUnit.SECONDS);
            double retried = meters.counter("parley.db.request.retries").count();
            System.out.printf("database faults: %d connections terminated, %.0f requests run again, statuses %s%n",
                    terminated.get(), retried, byStatus);
            assertThat(terminated.get()).isPositive();
            assertThat(byStatus.keySet()).allMatch(s -> s == 200 || s == 201 || s == 503);
            assertThat(retried).isPositive();
            assertThat(byStatus.getOrDefault(200, 0) + byStatus.getOrDefault(201, 0)).isPositive();
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
        // and the service is whole afterwards, once the pool has replaced what it holds
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> send(ann, Map.of("room_id", room,
                "content", "after the storm")).returnResult(String.class).getStatus().value() == 201);
    }
}
