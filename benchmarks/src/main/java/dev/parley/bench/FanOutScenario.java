package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Fan-out: sockets in rooms (a {@link Plan}: one room of {@code users} users with {@code sockets} sockets, or many
 * rooms of a few members with a socket each); senders post {@code rate} ~300-byte messages a second in all over
 * REST through the gateway for {@code seconds}, round-robin over the rooms, open loop (a slow answer does not slow
 * the sending, as with real users). Every receiver times each {@code message} frame from the start of the REST
 * call that sent it (both in this JVM), and counts what it got by message number: loss and duplicates.
 */
final class FanOutScenario {

    record Result(String name, int sockets, int rate, long sends, long accepted, long refused, Histogram latency,
            long deliveries, long lost, long duplicates, double seconds, Map<String, Double> cpu,
            Histogram sendLatency, Map<String, Long> refusals, long statusFrames) {
    }

    /** Rooms, each with the member who sends in it and the users who hold a socket in it (one per entry). */
    record Plan(List<String> rooms, List<Client.User> senders, List<List<Client.User>> sockets) {
        int socketCount() {
            return sockets.stream().mapToInt(List::size).sum();
        }
    }

    private final Client client;
    private final String ws;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4)).build();

    FanOutScenario(Client client) {
        this.client = client;
        this.ws = client.gateway().replaceFirst("^http", "ws");
    }

    /** How the receiving sockets ended before the benchmark closed them: by close code, or by the client's error. */
    private static final Map<String, LongAdder> ENDED = new ConcurrentSkipListMap<>();

    /** One receiving socket: what it got, by seq, and the latency of each new frame. */
    private static final class Receiver implements WebSocket.Listener {
        private final BitSet seen = new BitSet();
        private final Recorder latency;
        private final LongAdder deliveries;
        private final LongAdder duplicates;
        private final StringBuilder partial = new StringBuilder();
        private final long[] sentAt;
        private final AtomicLong lastAt;
        private final LongAdder statusFrames;

        Receiver(Recorder latency, LongAdder deliveries, LongAdder duplicates, long[] sentAt, AtomicLong lastAt,
                LongAdder statusFrames) {
            this.statusFrames = statusFrames;
            this.lastAt = lastAt;
            this.latency = latency;
            this.deliveries = deliveries;
            this.duplicates = duplicates;
            this.sentAt = sentAt;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (statusCode != WebSocket.NORMAL_CLOSURE || !"done".equals(reason)) { // not the benchmark's own close
                ENDED.computeIfAbsent("closed " + statusCode + " " + reason, k -> new LongAdder()).increment();
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            ENDED.computeIfAbsent("error " + error.getClass().getSimpleName(), k -> new LongAdder()).increment();
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onFrame(partial);
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        private void onFrame(CharSequence frame) {
            long now = System.nanoTime();
            String text = frame.toString();
            if (!text.startsWith("{\"type\":\"message\"")) {
                if (text.startsWith("{\"type\":\"user_status_change\"")) {
                    statusFrames.increment();
                }
                return;
            }
            int c = text.indexOf("\"content\":\"b");
            if (c < 0) {
                return;
            }
            int at = c + 12;
            int end = text.indexOf(' ', at);
            int n = Integer.parseInt(text, at, end, 10);
            synchronized (this) {
                if (seen.get(n)) {
                    duplicates.increment();
                    return;
                }
                seen.set(n);
            }
            deliveries.increment();
            lastAt.accumulateAndGet(now, Math::max);
            long sent = sentAt[n];
            if (sent != 0) {
                latency.recordValue(Math.max(0, (now - sent) / 1000));
            }
        }
    }

    /** Sign-ups, a few at a time (bcrypt dominates them). */
    private List<Client.User> signUps(String prefix, int n) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Client.User>> signUps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            signUps.add(CompletableFuture.supplyAsync(() -> client.signUp(prefix), pool));
        }
        List<Client.User> out = signUps.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        return out;
    }

    /** One room of {@code users} members holding {@code sockets} sockets between them; its owner sends. */
    Plan oneRoom(int users, int sockets) {
        List<Client.User> everyone = signUps("fan", users);
        Client.User owner = everyone.get(0);
        String room = client.call("POST", "/rooms", owner.token(), Map.of("name", "fan-out", "type", "group"))
                .get("id").asString();
        for (Client.User m : everyone.subList(1, everyone.size())) {
            client.call("POST", "/rooms/" + room + "/members", owner.token(), Map.of("user_id", m.id()));
        }
        List<Client.User> holders = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            holders.add(everyone.get((i + 1) % everyone.size()));
        }
        return new Plan(List.of(room), List.of(owner), List.of(holders));
    }

    /** {@code rooms} rooms of {@code members} users each, one socket per user; each room's creator sends in it. */
    Plan manyRooms(int rooms, int members) {
        List<Client.User> everyone = signUps("many", rooms * members);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<String>> created = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            List<Client.User> in = everyone.subList(r * members, (r + 1) * members);
            created.add(CompletableFuture.supplyAsync(() -> {
                String room = client.call("POST", "/rooms", in.get(0).token(), Map.of("name", "room", "type", "group"))
                        .get("id").asString();
                for (Client.User m : in.subList(1, in.size())) {
                    client.call("POST", "/rooms/" + room + "/members", in.get(0).token(), Map.of("user_id", m.id()));
                }
                return room;
            }, pool));
        }
        List<String> ids = created.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        List<Client.User> senders = new ArrayList<>();
        List<List<Client.User>> sockets = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            senders.add(everyone.get(r * members));
            sockets.add(everyone.subList(r * members, (r + 1) * members));
        }
        return new Plan(ids, senders, sockets);
    }

    Result run(String name, Plan plan, int rate, int seconds) throws Exception {
        int sockets = plan.socketCount();
        int total = rate * seconds;
        long[] sentAt = new long[total + 1];
        Recorder latency = new Recorder(3);
        LongAdder deliveries = new LongAdder();
        LongAdder duplicates = new LongAdder();
        AtomicLong lastAt = new AtomicLong();
        LongAdder statusFrames = new LongAdder();
        List<WebSocket> open = new ArrayList<>();
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (List<Client.User> holders : plan.sockets()) {
            for (Client.User u : holders) {
                opening.add(http.newWebSocketBuilder().buildAsync(URI.create(ws + "/ws?token=" + u.token()),
                        new Receiver(latency, deliveries, duplicates, sentAt, lastAt, statusFrames)));
                if (opening.size() == 200) { // a few hundred handshakes at a time
                    opening.forEach(f -> open.add(f.join()));
                    opening.clear();
                }
            }
        }
        opening.forEach(f -> open.add(f.join()));
        for (WebSocket s : open) {
            s.sendText("{\"type\":\"ping\"}", true).join(); // ends the moment after auth in which events wait
        }
        // and then every 30 s, as a client does: the gateway closes a socket silent for its idle timeout (90 s), and the
        // set-up, the 60 s warm-up and a load last longer than that (SendScenario's sockets ping the same way)
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        pinger.scheduleAtFixedRate(() -> open.forEach(s -> s.sendText("{\"type\":\"ping\"}", true)), 30, 30,
                TimeUnit.SECONDS);
        TimeUnit.SECONDS.sleep(2);
        long statusWhileConnecting = statusFrames.sum();
        // warm-up, not measured: the JIT compiles the hot path (C2 took most of the CPU of a cold service) and the
        // pools fill; open-loop sends at parley.bench.warmup-rate (50/s) for parley.bench.warmup seconds (60). With
        // 20 s at the measured rate, the 1000 x 20 phase of a fresh stack still ran at 20 ms of message-service CPU
        // per send (compiling), against 5 ms once warm
        Profiler.start();
        int warmRate = Integer.getInteger("parley.bench.warmup-rate", 50);
        int warmUp = warmRate * Integer.getInteger("parley.bench.warmup", 60);
        List<CompletableFuture<?>> warming = new ArrayList<>();
        long warmStart = System.nanoTime();
        for (int n = 1; n <= warmUp; n++) {
            long wait = warmStart + (n - 1) * (1_000_000_000L / warmRate) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int r = n % plan.rooms().size();
            String body = Client.JSON.writeValueAsString(Map.of("room_id", plan.rooms().get(r), "content",
                    "warm-up " + n));
            warming.add(http.sendAsync(HttpRequest.newBuilder(URI.create(client.gateway() + "/api/v1/messages"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + plan.senders().get(r).token())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()));
        }
        CompletableFuture.allOf(warming.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        TimeUnit.SECONDS.sleep(3);
        latency.reset();

        String padding = "x".repeat(280);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Map<String, Long> refusals = new ConcurrentSkipListMap<>();
        Recorder sendLatency = new Recorder(3);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        AtomicLong expected = new AtomicLong();
        Profiler.measuring();
        Map<String, Double> before = Cpu.snapshot();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int n = 1; n <= total; n++) {
            long due = start + (n - 1) * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long t = System.nanoTime();
            sentAt[n] = t;
            int r = n % plan.rooms().size();
            int receivers = plan.sockets().get(r).size();
            String body = Client.JSON.writeValueAsString(Map.of("room_id", plan.rooms().get(r), "content",
                    "b" + n + " " + padding));
            HttpRequest request = HttpRequest.newBuilder(URI.create(client.gateway() + "/api/v1/messages"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + plan.senders().get(r).token())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, e) -> {
                sendLatency.recordValue((System.nanoTime() - t) / 1000);
                if (e == null && response.statusCode() == 201) {
                    accepted.incrementAndGet();
                    expected.addAndGet(receivers);
                } else {
                    refused.incrementAndGet();
                    refusals.merge(e != null ? e.getClass().getSimpleName() : Integer.toString(response.statusCode()),
                            1L, Long::sum);
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        // every accepted send to every socket, or 30 s of nothing more
        long last = -1;
        long quietSince = System.nanoTime();
        while (deliveries.sum() < expected.get() && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(30)) {
            TimeUnit.MILLISECONDS.sleep(100);
            if (deliveries.sum() != last) {
                last = deliveries.sum();
                quietSince = System.nanoTime();
            }
        }
        Map<String, Double> cpu = Cpu.between(before, Cpu.snapshot());
        Profiler.dump("fanout " + name);
        double elapsed = Math.max(seconds, (lastAt.get() - start) / 1e9);
        pinger.shutdownNow();
        if (!ENDED.isEmpty()) {
            System.out.println("fan-out " + name + ": sockets that ended before the end of the run: " + ENDED);
            ENDED.clear();
        }
        for (WebSocket s : open) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        return new Result(name, sockets, rate, total, accepted.get(), refused.get(), latency.getIntervalHistogram(),
                deliveries.sum(), Math.max(0, expected.get() - deliveries.sum()), duplicates.sum(), elapsed, cpu,
                sendLatency.getIntervalHistogram(), refusals, statusWhileConnecting);
    }
}
