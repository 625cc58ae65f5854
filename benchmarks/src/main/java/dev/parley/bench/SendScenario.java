package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop send throughput: {@code senders} users, each in a room of their own with one socket, each sending
 * its next ~300-byte message as soon as the last one was answered (a refused one is retried after 100 ms). Prints
 * messages/s, the REST call's latency and the commit-to-frame latency: from the message's {@code created_at}
 * (set inside its transaction, on this machine's clock) to its frame at the socket.
 */
final class SendScenario {

    record Result(int senders, long sent, long refused, double seconds, Histogram send, Histogram toFrame, long lost,
            Map<String, Double> cpu) {
    }

    private final Client client;
    private final String ws;

    SendScenario(Client client) {
        this.client = client;
        this.ws = client.gateway().replaceFirst("^http", "ws");
    }

    Result run(int senders, int seconds) throws Exception {
        ExecutorService setup = Executors.newFixedThreadPool(8);
        List<CompletableFuture<String[]>> prepared = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            prepared.add(CompletableFuture.supplyAsync(() -> {
                Client.User u = client.signUp("send");
                String room = client.call("POST", "/rooms", u.token(), Map.of("name", "sends", "type", "group"))
                        .get("id").asString();
                return new String[] {u.token(), room};
            }, setup));
        }
        List<String[]> who = prepared.stream().map(CompletableFuture::join).toList();
        setup.shutdown();

        Recorder toFrame = new Recorder(3);
        LongAdder frames = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        List<WebSocket> sockets = new ArrayList<>();
        for (String[] w : who) {
            sockets.add(http.newWebSocketBuilder().buildAsync(URI.create(ws + "/ws?token=" + w[0]),
                    new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                onFrame(partial.toString());
                                partial.setLength(0);
                            }
                            s.request(1);
                            return null;
                        }

                        private void onFrame(String text) {
                            Instant now = Instant.now();
                            if (!text.startsWith("{\"type\":\"message\"") || !text.contains("\"content\":\"m ")) {
                                return;
                            }
                            int at = text.indexOf("\"created_at\":\"");
                            if (at < 0 || !measuring.get()) {
                                return;
                            }
                            int from = at + 14;
                            Instant created = Instant.parse(text.substring(from, text.indexOf('"', from)));
                            toFrame.recordValue(Math.max(0, Duration.between(created, now).toNanos() / 1000));
                            frames.increment();
                        }
                    }).join());
        }
        // a client pings: the gateway closes a socket that stays silent for its idle timeout (90 s)
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        pinger.scheduleAtFixedRate(() -> sockets.forEach(s -> s.sendText("{\"type\":\"ping\"}", true)), 0, 30,
                TimeUnit.SECONDS);
        Profiler.start();
        // warm-up, not measured: the same closed loop for parley.bench.send-warmup seconds (30; with 10 on a fresh
        // stack the measured phase still ran at a third of the warm rate, compiling)
        loop(http, who, Integer.getInteger("parley.bench.send-warmup", 30), "w ", new Recorder(3), new LongAdder(),
                new LongAdder());
        TimeUnit.SECONDS.sleep(2);

        Recorder send = new Recorder(3);
        LongAdder sent = new LongAdder();
        LongAdder refused = new LongAdder();
        measuring.set(true);
        Profiler.measuring();
        Map<String, Double> before = Cpu.snapshot();
        long start = System.nanoTime();
        loop(http, who, seconds, "m ", send, sent, refused);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpu = Cpu.between(before, Cpu.snapshot());
        Profiler.dump("sends " + senders);
        long quietSince = System.nanoTime();
        long last = -1;
        while (frames.sum() < sent.sum() && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(30)) {
            TimeUnit.MILLISECONDS.sleep(100);
            if (frames.sum() != last) {
                last = frames.sum();
                quietSince = System.nanoTime();
            }
        }
        pinger.shutdownNow();
        for (WebSocket s : sockets) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        return new Result(senders, sent.sum(), refused.sum(), elapsed, send.getIntervalHistogram(),
                toFrame.getIntervalHistogram(), Math.max(0, sent.sum() - frames.sum()), cpu);
    }

    /** Every sender sends, waits for the answer and sends again, for {@code seconds}. */
    private void loop(HttpClient http, List<String[]> who, int seconds, String prefix, Recorder latency,
            LongAdder sent, LongAdder refused) throws InterruptedException {
        String padding = "x".repeat(280);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService senders = Executors.newFixedThreadPool(who.size());
        for (String[] w : who) {
            senders.submit(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    String body = Client.JSON.writeValueAsString(Map.of("room_id", w[1], "content",
                            prefix + (++n) + " " + padding));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(client.gateway() + "/api/v1/messages"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + w[0])
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    latency.recordValue((System.nanoTime() - t) / 1000);
                    if (status == 201) {
                        sent.increment();
                    } else {
                        refused.increment();
                        try {
                            TimeUnit.MILLISECONDS.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    }
}
