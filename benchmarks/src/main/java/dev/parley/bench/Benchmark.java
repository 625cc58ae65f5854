package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

import dev.parley.localstack.LocalStack;
import dev.parley.localstack.Service;
import dev.parley.localstack.StackConfig;

/**
 * {@code ./benchmarks/run.sh [fanout] [rooms] [sends] [idle] [resume]}: starts the local stack with the production
 * image's JVM settings (or uses
 * the running gateway in {@code PARLEY_BENCH_GATEWAY}) and prints one table per scenario. Its numbers go in
 * {@code docs/performance.md}.
 */
public final class Benchmark {

    /**
     * What the production image gives a service in its 768 MiB container ({@code -XX:MaxRAMPercentage=75
     * -XX:InitialRAMPercentage=25}, G1 on two CPUs, the full JIT), spelled out for processes without a container.
     */
    static final String PRODUCTION_JVM_FLAGS = "-Xms192m -Xmx576m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"
            + (Runtime.version().feature() >= 25 ? " -XX:+UseCompactObjectHeaders" : "");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> scenarios = args.length == 0 ? List.of("fanout", "resume") : List.of(args);
        String running = System.getenv("PARLEY_BENCH_GATEWAY");
        LocalStack stack = null;
        if (running == null) {
            // PARLEY_BENCH_JVM_FLAGS="..." (or -Dparley.bench.jvm.flags) measures other flags (Java 25 without compact
            // object headers, say)
            System.setProperty("parley.jvm.flags", System.getProperty("parley.bench.jvm.flags",
                    System.getenv().getOrDefault("PARLEY_BENCH_JVM_FLAGS", PRODUCTION_JVM_FLAGS)));
            Path root = Path.of(System.getProperty("parley.root", ".")).toAbsolutePath().normalize();
            stack = new LocalStack(new StackConfig(root, Files.createTempDirectory("parley-bench"), freePort(),
                    freePort(), freePort(), freePort(), freePort(), freePort(), null, null));
            // the benchmark is the load: the per-user send rate limit is off (0) unless parley.bench.send-limit sets
            // one, high enough never to refuse, to measure what taking a place costs
            // (and parley.bench.send-window its window: a short one keeps each sender's window as small as a real
            // limit's, 20 places, would)
            // tracing as in production: a tenth of the requests sampled (the local stack samples every one),
            // parley.bench.tracing-sampling to change it
            String sampling = System.getProperty("parley.bench.tracing-sampling", "0.1");
            stack.withEnvironment(Service.MESSAGE, Map.of("MESSAGE_SEND_LIMIT",
                    System.getProperty("parley.bench.send-limit", "0"), "MESSAGE_SEND_WINDOW",
                    System.getProperty("parley.bench.send-window", "10s"), "TRACING_SAMPLING_PROBABILITY", sampling));
            stack.withEnvironment(Service.ROOM, Map.of("ROOM_CREATE_LIMIT", "0", "TRACING_SAMPLING_PROBABILITY",
                    sampling));
            // sign-ups prepare the scenarios and are not measured: bcrypt at cost 12 would take most of the run
            stack.withEnvironment(Service.AUTH, Map.of("BCRYPT_STRENGTH", "4", "TRACING_SAMPLING_PROBABILITY",
                    sampling));
            stack.withEnvironment(Service.GATEWAY, Map.of("TRACING_SAMPLING_PROBABILITY", sampling));
            try {
                stack.start();
            } catch (Exception | Error e) {
                stack.close(); // what did start must not outlive a failed start (it would load the next run)
                throw e;
            }
        }
        try {
            String gateway = running != null ? running : stack.gatewayUrl();
            System.out.printf("%nParley benchmark on %d cores, Java %s, JVM flags of the services: %s%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(),
                    running != null ? "(running stack)" : System.getProperty("parley.jvm.flags"));
            for (String s : scenarios) {
                switch (s) {
                    case "resume" -> resume(new Client(gateway), stack);
                    case "fanout" -> fanOut(new Client(gateway));
                    case "idle" -> idle(new Client(gateway));
                    case "rooms" -> manyRooms(new Client(gateway));
                    case "sends" -> sends(new Client(gateway));
                    default -> throw new IllegalArgumentException("unknown scenario " + s
                            + " (known: fanout, rooms, sends, idle, resume)");
                }
            }
            quiet();
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
        System.exit(0); // the clients' pools are not daemon threads
    }

    private static void resume(Client client, LocalStack stack) throws Exception {
        ResumeScenario scenario = new ResumeScenario(client, 50, 100, 10);
        Client.User owner = client.signUp("owner");
        Client.User reader = client.signUp("reader");
        long t0 = System.nanoTime();
        List<String> rooms = scenario.prepare(owner, reader);
        System.out.printf("%nresume: %d rooms x %d missed events prepared in %.1f s%n", scenario.rooms(),
                scenario.events(), (System.nanoTime() - t0) / 1e9);
        String ws = client.gateway().replaceFirst("^http", "ws");
        Histogram window = scenario.measure(ws, reader, rooms);
        Histogram source = null;
        if (stack != null) {
            int fresh = freePort();
            stack.startExtraGateway(fresh); // an instance that never saw these events: message-service replays
            source = scenario.measure("ws://localhost:" + fresh, reader, rooms);
            stack.stopExtraGateway(fresh);
        }
        System.out.println("| resume of 50 rooms x 100 events | resumes | p50 ms | p99 ms | max ms | frames/s at p50 |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        row("from the instance's window", window, scenario);
        if (source != null) {
            row("from message-service (fresh instance)", source, scenario);
        }
    }

    /**
     * Fan-out in one room of 100 users with 1000 sockets, at 20 and at 100 messages a second
     * ({@code -Dparley.bench.sockets}, {@code .users}, {@code .rates}, {@code .seconds} change it).
     */
    private static void fanOut(Client client) throws Exception {
        int sockets = Integer.getInteger("parley.bench.sockets", 1000);
        int users = Integer.getInteger("parley.bench.users", 100);
        int seconds = Integer.getInteger("parley.bench.seconds", 15);
        FanOutScenario scenario = new FanOutScenario(client);
        FanOutScenario.Plan plan = scenario.oneRoom(users, sockets);
        List<FanOutScenario.Result> results = new ArrayList<>();
        for (String r : System.getProperty("parley.bench.rates", "20,100").split(",")) {
            int rate = Integer.parseInt(r.trim());
            results.add(scenario.run(sockets + " x " + rate + " msg/s", plan, rate, seconds));
        }
        System.out.printf("%nfan-out: one room, %d users, %d sockets, %d s of open-loop REST sends of ~300 bytes%n",
                users, sockets, seconds);
        table(results);
    }

    /**
     * The everyday shape of chat: {@code parley.bench.rooms} (1000) rooms of {@code parley.bench.members} (10)
     * users, one socket each; {@code parley.bench.room-rates} (100,500) messages a second in all, round-robin over
     * the rooms, each sent by the room's creator.
     */
    private static void manyRooms(Client client) throws Exception {
        int rooms = Integer.getInteger("parley.bench.rooms", 1000);
        int members = Integer.getInteger("parley.bench.members", 10);
        int seconds = Integer.getInteger("parley.bench.seconds", 15);
        FanOutScenario scenario = new FanOutScenario(client);
        long t0 = System.nanoTime();
        FanOutScenario.Plan plan = scenario.manyRooms(rooms, members);
        System.out.printf("%nmany rooms: %d users in %d rooms of %d prepared in %.0f s%n", rooms * members, rooms,
                members, (System.nanoTime() - t0) / 1e9);
        List<FanOutScenario.Result> results = new ArrayList<>();
        for (String r : System.getProperty("parley.bench.room-rates", "100,500").split(",")) {
            int rate = Integer.parseInt(r.trim());
            results.add(scenario.run(rooms + " rooms x " + members + ", " + rate + " msg/s", plan, rate, seconds));
        }
        System.out.printf("%nmany rooms: %d rooms of %d users, %d sockets, %d s of open-loop REST sends%n", rooms,
                members, plan.socketCount(), seconds);
        table(results);
    }

    private static void table(List<FanOutScenario.Result> results) {
        System.out.println("| load | sends ok/refused | deliveries/s | p50 / p99 / p99.9 / max ms | lost | dup "
                + "| send p50 / p99 ms | CPU-s gateway / message / room / kafka / postgres / all "
                + "| CPU ms per send (message, room) | gateway µs per delivery | status frames while connecting |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (FanOutScenario.Result x : results) {
            Histogram h = x.latency();
            Map<String, Double> cpu = x.cpu();
            System.out.printf("| %s | %d / %d | %,.0f | %.1f / %.1f / %.1f / %.1f | %d | %d | %.1f / %.1f "
                    + "| %.1f / %.1f / %.1f / %.1f / %.1f / %.1f | %.2f, %.2f | %.1f | %,d |%n",
                    x.name(), x.accepted(), x.refused(), x.deliveries() / x.seconds(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, x.lost(), x.duplicates(),
                    x.sendLatency().getValueAtPercentile(50) / 1000.0,
                    x.sendLatency().getValueAtPercentile(99) / 1000.0,
                    cpu.get("gateway"), cpu.get("message"), cpu.get("room"), cpu.get("kafka"), cpu.get("postgres"),
                    Cpu.total(cpu), 1000 * cpu.get("message") / Math.max(1, x.accepted()),
                    1000 * cpu.get("room") / Math.max(1, x.accepted()),
                    1e6 * cpu.get("gateway") / Math.max(1, x.deliveries()), x.statusFrames());
        }
        results.stream().filter(x -> !x.refusals().isEmpty())
                .forEach(x -> System.out.println("refused sends at " + x.name() + ": " + x.refusals()));
    }

    /**
     * Closed-loop send throughput: {@code parley.bench.senders} (8,32) senders, each in a room of its own, send
     * the next message as soon as the last one was answered, for {@code parley.bench.seconds}.
     */
    private static void sends(Client client) throws Exception {
        int seconds = Integer.getInteger("parley.bench.seconds", 15);
        List<SendScenario.Result> results = new ArrayList<>();
        SendScenario scenario = new SendScenario(client);
        for (String n : System.getProperty("parley.bench.senders", "8,32").split(",")) {
            results.add(scenario.run(Integer.parseInt(n.trim()), seconds));
        }
        System.out.printf("%nsend throughput: closed-loop senders, one room and one receiving socket each, %d s%n",
                seconds);
        System.out.println("| senders | sent / refused | messages/s | REST send p50 / p99 ms "
                + "| commit-to-frame p50 / p99 / max ms | lost | CPU-s message / room / kafka / postgres "
                + "| CPU ms per send (message) | sends per message-service CPU-s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (SendScenario.Result x : results) {
            Map<String, Double> cpu = x.cpu();
            System.out.printf("| %d | %d / %d | %,.0f | %.1f / %.1f | %.1f / %.1f / %.1f | %d "
                    + "| %.1f / %.1f / %.1f / %.1f | %.2f | %,.0f |%n", x.senders(), x.sent(), x.refused(),
                    x.sent() / x.seconds(), x.send().getValueAtPercentile(50) / 1000.0,
                    x.send().getValueAtPercentile(99) / 1000.0, x.toFrame().getValueAtPercentile(50) / 1000.0,
                    x.toFrame().getValueAtPercentile(99) / 1000.0, x.toFrame().getMaxValue() / 1000.0, x.lost(),
                    cpu.get("message"), cpu.get("room"), cpu.get("kafka"), cpu.get("postgres"),
                    1000 * cpu.get("message") / Math.max(1, x.sent()), x.sent() / Math.max(0.001, cpu.get("message")));
        }
    }

    /** Idle authenticated sockets ({@code -Dparley.bench.idle=10000}): gateway memory per socket. */
    private static void idle(Client client) throws Exception {
        int sockets = Integer.getInteger("parley.bench.idle", 10_000);
        // the gateway keeps at most 20 sockets per user (WS_MAX_SOCKETS_PER_USER): enough users for every socket
        int users = Integer.getInteger("parley.bench.users", Math.max(100, (sockets + 19) / 20));
        IdleScenario.Result r = new IdleScenario(client).run(users, sockets);
        System.out.printf("%nidle: %d sockets of %d users, %d authenticated (auth_response seen); per socket: per"
                + " authenticated socket%n", r.sockets(), users, r.authenticated());
        if (r.authenticated() < r.sockets()) {
            System.out.printf("WARNING: %d sockets were not authenticated (refused or closed)%n",
                    r.sockets() - r.authenticated());
        }
        System.out.println("| sockets | gateway RSS before / after MB | RSS per socket KB | live heap before / after MB "
                + "| heap per socket KB |");
        System.out.println("| --- | --- | --- | --- | --- |");
        System.out.printf("| %d | %.0f / %.0f | %.1f | %.0f / %.0f | %.1f |%n", r.authenticated(), r.rssBefore() / 1e6,
                r.rssAfter() / 1e6, r.rssPerSocket() / 1024, r.heapBefore() / 1e6, r.heapAfter() / 1e6,
                r.heapPerSocket() / 1024);
    }

    /**
     * What each process spends with no load at all, after the scenarios (warm): the part of every "CPU per
     * operation" figure above that does not depend on the operations ({@code parley.bench.quiet} seconds, 20).
     */
    private static void quiet() throws InterruptedException {
        int seconds = Integer.getInteger("parley.bench.quiet", 20);
        TimeUnit.SECONDS.sleep(5); // what the last scenario left in flight
        Map<String, Double> before = Cpu.snapshot();
        TimeUnit.SECONDS.sleep(seconds);
        Map<String, Double> cpu = Cpu.between(before, Cpu.snapshot());
        System.out.printf("%nno load, after the scenarios: CPU used in %d s (%% of one core)%n", seconds);
        System.out.println("| " + String.join(" | ", cpu.keySet()) + " |");
        System.out.println("|" + " --- |".repeat(cpu.size()));
        System.out.println("| " + cpu.values().stream().map(v -> String.format("%.2f s (%.0f %%)", v,
                100 * v / seconds)).collect(Collectors.joining(" | ")) + " |");
    }

    private static void row(String name, Histogram h, ResumeScenario s) {
        double p50 = h.getValueAtPercentile(50) / 1000.0;
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %,.0f |%n", name, h.getTotalCount(), p50,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, s.rooms() * s.events() / (p50 / 1000));
    }

    private static int freePort() {
        return LocalStack.freePort();
    }
}
