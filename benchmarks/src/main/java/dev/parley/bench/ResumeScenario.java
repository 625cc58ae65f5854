package dev.parley.bench;

import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Resume: a reader that missed {@code events} events in each of {@code rooms} rooms reconnects with {@code resume};
 * the time from its {@code auth} frame to the last replayed frame and {@code resume_complete}. Once against a
 * gateway that saw the events (its window), once against an instance that never did (message-service).
 */
final class ResumeScenario {

    private final Client client;
    private final int rooms;
    private final int events;
    private final int repeats;

    ResumeScenario(Client client, int rooms, int events, int repeats) {
        this.client = client;
        this.rooms = rooms;
        this.events = events;
        this.repeats = repeats;
    }

    /** Creates the rooms and the missed events: per room one send and {@code events - 1} edits of it. */
    List<String> prepare(Client.User owner, Client.User reader) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            String room = client.call("POST", "/rooms", owner.token(), Map.of("name", "bench " + i, "type", "group"))
                    .get("id").asString();
            client.call("POST", "/rooms/" + room + "/members", owner.token(), Map.of("user_id", reader.id()));
            ids.add(room);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (String room : ids) {
            work.add(CompletableFuture.runAsync(() -> {
                String message = client.call("POST", "/messages", owner.token(), Map.of("room_id", room,
                        "content", "bench")).get("id").asString();
                for (int e = 1; e < events; e++) {
                    client.call("PUT", "/messages/" + message, owner.token(), Map.of("content", "edit " + e));
                }
            }, pool));
        }
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        return ids;
    }

    /** Resumes {@code repeats} times against one gateway; a histogram of the durations in microseconds. */
    Histogram measure(String wsBase, Client.User reader, List<String> roomIds) throws Exception {
        Histogram h = new Histogram(60_000_000L, 3);
        Map<String, Long> from = new LinkedHashMap<>();
        roomIds.forEach(r -> from.put(r, 0L));
        int expected = rooms * events;
        for (int i = 0; i < repeats; i++) {
            AtomicInteger frames = new AtomicInteger();
            AtomicLong doneAt = new AtomicLong();
            CountDownLatch complete = new CountDownLatch(1);
            WebSocket ws = Client.socket(wsBase, reader.token(), text -> {
                if (text.startsWith("{\"type\":\"resume_complete\"")) {
                    doneAt.set(System.nanoTime());
                    complete.countDown();
                } else if (text.contains("\"seq\"")) {
                    frames.incrementAndGet();
                }
            });
            long start = System.nanoTime();
            ws.sendText(Client.JSON.writeValueAsString(Map.of("type", "auth", "token", reader.token(),
                    "resume", Map.of("rooms", from))), true).join();
            if (!complete.await(60, TimeUnit.SECONDS) || frames.get() != expected) {
                throw new IllegalStateException("resume " + i + ": " + frames.get() + " of " + expected + " frames");
            }
            h.recordValue((doneAt.get() - start) / 1000);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
        return h;
    }

    int rooms() {
        return rooms;
    }

    int events() {
        return events;
    }
}
