package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Idle sockets: {@code sockets} authenticated sockets (of {@code users} users) that do nothing but ping; the
 * gateway's resident memory and live heap (after a full GC) before and after, per socket.
 */
final class IdleScenario {

    record Result(int sockets, long rssBefore, long rssAfter, long heapBefore, long heapAfter, int authenticated) {
        /** Per socket the gateway accepted: a socket over the per-user cap is closed and holds nothing. */
        double rssPerSocket() {
            return (rssAfter - rssBefore) / (double) Math.max(1, authenticated);
        }

        double heapPerSocket() {
            return (heapAfter - heapBefore) / (double) Math.max(1, authenticated);
        }
    }

    private final Client client;

    IdleScenario(Client client) {
        this.client = client;
    }

    Result run(int users, int sockets) throws Exception {
        List<Client.User> people = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            people.add(client.signUp("idle"));
        }
        String ws = client.gateway().replaceFirst("^http", "ws");
        long rssBefore = Cpu.rss("gateway-ws").orElse(0L);
        long heapBefore = liveHeap();
        Map<String, long[]> histogramBefore = histogram();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        AtomicInteger authenticated = new AtomicInteger();
        List<WebSocket> open = new ArrayList<>();
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            Client.User u = people.get(i % people.size());
            opening.add(http.newWebSocketBuilder().buildAsync(URI.create(ws + "/ws?token=" + u.token()),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                            if (data.toString().contains("\"auth_response\"")) {
                                authenticated.incrementAndGet();
                            }
                            s.request(1);
                            return null;
                        }
                    }));
            if (opening.size() == 200) { // a few hundred handshakes at a time
                opening.forEach(f -> open.add(f.join()));
                opening.clear();
            }
        }
        opening.forEach(f -> open.add(f.join()));
        for (int i = 0; i < open.size(); i++) {
            open.get(i).sendText("{\"type\":\"auth\",\"token\":\"" + people.get(i % people.size()).token()
                    + "\"}", true);
        }
        TimeUnit.SECONDS.sleep(5);
        long heapAfter = liveHeap();
        long rssAfter = Cpu.rss("gateway-ws").orElse(0L);
        printGrowth(histogramBefore, histogram(), Math.max(1, authenticated.get()));
        for (WebSocket s : open) {
            s.abort();
        }
        return new Result(sockets, rssBefore, rssAfter, heapBefore, heapAfter, authenticated.get());
    }

    /** The gateway's live objects by class ({@code jcmd GC.class_histogram}, after a full GC): count and bytes. */
    private static Map<String, long[]> histogram() throws IOException, InterruptedException {
        long pid = Cpu.pid("gateway").orElseThrow();
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Map<String, long[]> classes = new HashMap<>();
        // "   1:        123456       7890123  java.lang.String (java.base@17)"
        Matcher m = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)",
                Pattern.MULTILINE).matcher(out);
        while (m.find()) {
            classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return classes;
    }

    /** What the sockets added, per socket, by class: the 25 largest (where memory per socket goes). */
    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after,
            int sockets) {
        System.out.printf("%nlive objects added per idle socket (the 25 largest classes):%n");
        System.out.println("| class | objects per socket | bytes per socket |");
        System.out.println("| --- | --- | --- |");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                        e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(25)
                .forEach(e -> System.out.printf("| %s | %.1f | %.0f |%n", e.getKey(),
                        e.getValue()[0] / (double) sockets, e.getValue()[1] / (double) sockets));
    }

    /** The gateway's heap in use right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), bytes. */
    private static long liveHeap() throws IOException, InterruptedException {
        long pid = Cpu.pid("gateway").orElseThrow();
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        // "garbage-first heap   total 196608K, used 61234K [...]"
        Matcher m = Pattern.compile("used (\\d+)K").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : 0;
    }
}
