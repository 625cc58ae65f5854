package dev.parley.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Parley on one machine with nothing installed: an embedded PostgreSQL (zonky), a real KRaft Kafka broker
 * and the four service jars, each a process of its own, as in production. Data lives in {@code .parley/}
 * and survives a restart. Ctrl-C stops everything.
 *
 * <p>{@code KAFKA_BOOTSTRAP_SERVERS} points it at an external Kafka, {@code PARLEY_DB_HOST} (with
 * {@code PARLEY_DB_PORT}, {@code PARLEY_DB_USER}, {@code PARLEY_DB_PASSWORD}) at an external PostgreSQL.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(4);

    private final StackConfig config;
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private final Map<Integer, Process> extraGateways = new ConcurrentHashMap<>();
    private EmbeddedPostgres postgres;
    private EmbeddedKafka kafka;
    private String kafkaBootstrap;
    private String dbHost;
    private int dbPort;
    private String dbUser;
    private String dbPassword;

    public LocalStack(StackConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("parley.root", ".")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(StackConfig.fromEnvironment(root));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Parley...");
            stack.close();
            System.out.println("Stopped. Data kept in " + stack.config.dataDir());
        }, "parley-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("Parley failed to start: " + e.getMessage());
            System.exit(1);
        }
        stack.printBanner();
        Thread.currentThread().join();
    }

    /**
     * A port free now, below Linux's ephemeral range (32768–60999): a port the kernel handed out by
     * {@code new ServerSocket(0)} can be taken by any outgoing connection before the service binds it (a system
     * test once failed with "Port … was already in use" that way).
     */
    public static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    public StackConfig config() {
        return config;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    public String jdbcUrl(Service service) {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + service.database();
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public String gatewayUrl() {
        return "http://localhost:" + config.gatewayPort();
    }

    public Path logFile(String name) {
        return config.dataDir().resolve("logs").resolve(name + ".log");
    }

    /** Starts the infrastructure, then the four services, and returns when all are healthy. */
    public void start() throws Exception {
        Files.createDirectories(config.dataDir().resolve("logs"));
        for (Service s : Service.values()) {
            Path jar = jar(s);
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
            }
        }
        startPostgres();
        startKafka();
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (Service s : Service.values()) {
            startService(s, Map.of());
            started.add(CompletableFuture.runAsync(() -> awaitHealthy(s)));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
    }

    private void startPostgres() throws IOException, SQLException {
        if (config.externalDb() != null) {
            StackConfig.ExternalDb db = config.externalDb();
            dbHost = db.host();
            dbPort = db.port();
            dbUser = db.user();
            dbPassword = db.password();
            log("Using external PostgreSQL at " + dbHost + ":" + dbPort);
        } else {
            Path pgData = config.dataDir().resolve("postgres");
            Files.createDirectories(pgData);
            log("Starting embedded PostgreSQL on port " + config.postgresPort() + " (data: " + pgData + ")");
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPort(config.postgresPort())
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile("postgres").toFile()))
                    .start();
            dbHost = "localhost";
            dbPort = postgres.getPort();
            // zonky's development superuser: a local-only default, not a secret
            dbUser = "postgres";
            dbPassword = "postgres";
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + dbHost + ":" + dbPort + "/postgres",
                dbUser, dbPassword); Statement st = c.createStatement()) {
            for (Service s : Service.values()) {
                if (s.database() == null) {
                    continue;
                }
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + s.database() + "'")) {
                    if (!rs.next()) {
                        st.execute("CREATE DATABASE " + s.database());
                    }
                }
            }
        }
    }

    private void startKafka() throws IOException, InterruptedException {
        if (config.externalKafka() != null) {
            kafkaBootstrap = config.externalKafka();
            log("Using external Kafka at " + kafkaBootstrap);
            return;
        }
        log("Starting embedded Kafka (KRaft) on port " + config.kafkaPort());
        kafka = new EmbeddedKafka(config.dataDir(), config.kafkaPort(), libClasspath());
        kafka.start(logFile("kafka"));
        kafkaBootstrap = kafka.bootstrapServers();
    }

    /**
     * The JVM flags of the service processes: {@code PARLEY_JVM_FLAGS} (environment or system property), or the
     * development defaults, tuned for a quick start on a small machine (not for throughput: the benchmark passes
     * the production image's settings).
     */
    static final String DEV_JVM_FLAGS = "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private static String jvmFlags() {
        return System.getProperty("parley.jvm.flags", System.getenv().getOrDefault("PARLEY_JVM_FLAGS", DEV_JVM_FLAGS));
    }

    private static List<String> command(Path jar) {
        String flags = jvmFlags();
        List<String> cmd = new ArrayList<>();
        cmd.add(EmbeddedKafka.javaBinary());
        for (String f : flags.trim().split("\\s+")) {
            if (!f.isEmpty()) {
                cmd.add(f);
            }
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    private final Map<Service, Map<String, String>> extraEnvironment = new EnumMap<>(Service.class);
    private final Map<Service, Integer> managementPorts = new ConcurrentHashMap<>();

    /** The port of a service's actuator ({@code /actuator/prometheus}, health details), which only operators reach. */
    public int managementPort(Service s) {
        return managementPorts.computeIfAbsent(s, x -> freePort());
    }

    /** Settings for one service, applied whenever it starts (call before {@link #start}). */
    public synchronized LocalStack withEnvironment(Service s, Map<String, String> env) {
        extraEnvironment.put(s, Map.copyOf(env));
        return this;
    }

    /** Starts one service process; {@code extraEnv} overrides its settings (tests use it). */
    public synchronized void startService(Service s, Map<String, String> extraEnv) throws IOException {
        Process old = processes.get(s);
        if (old != null && old.isAlive()) {
            throw new IllegalStateException(s.module() + " is already running");
        }
        ProcessBuilder pb = new ProcessBuilder(command(jar(s)));
        Map<String, String> env = pb.environment();
        env.putAll(environment(s));
        env.putAll(extraEnvironment.getOrDefault(s, Map.of()));
        env.putAll(extraEnv);
        pb.directory(config.dataDir().toFile());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(s.module()).toFile()));
        log("Starting " + s.module() + " on port " + port(s) + " (log: " + logFile(s.module()) + ")");
        processes.put(s, pb.start());
    }

    /**
     * Starts one more gateway instance on {@code port}, beside the first: the scale-out a load balancer would
     * spread clients over. Returns when it is healthy.
     */
    public synchronized void startExtraGateway(int port) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(jar(Service.GATEWAY)));
        Map<String, String> env = pb.environment();
        env.putAll(environment(Service.GATEWAY));
        env.putAll(extraEnvironment.getOrDefault(Service.GATEWAY, Map.of()));
        env.put("PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(freePort()));
        env.put("GATEWAY_INSTANCE_ID", "gateway-" + port);
        pb.directory(config.dataDir().toFile());
        String name = "gateway-ws-" + port;
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile()));
        log("Starting another gateway-ws on port " + port + " (log: " + logFile(name) + ")");
        Process p = pb.start();
        extraGateways.put(port, p);
        awaitHealthy(name, port, p);
    }

    /** Stops the embedded Kafka broker (SIGTERM); {@link #startKafkaAgain} brings it back. */
    public synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Starts the embedded Kafka broker stopped by {@link #stopKafka}, on the same port with the same data. */
    public synchronized void startKafkaAgain() throws IOException, InterruptedException {
        kafka.start(logFile("kafka"));
    }

    /** Stops the extra gateway on {@code port} as an orchestrator would (SIGTERM: its graceful shutdown). */
    public synchronized void stopExtraGateway(int port) throws InterruptedException {
        Process p = extraGateways.remove(port);
        if (p != null) {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** Kills the extra gateway on {@code port} the hard way ({@code kill -9}). */
    public synchronized void killExtraGateway(int port) throws InterruptedException {
        Process p = extraGateways.remove(port);
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Kills a service the hard way ({@code kill -9}): no shutdown hook, no graceful drain. */
    public synchronized void kill(Service s) throws InterruptedException {
        Process p = processes.get(s);
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public void awaitHealthy(Service s) {
        awaitHealthy(s.module(), port(s), processes.get(s));
    }

    private void awaitHealthy(String name, int port, Process p) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://localhost:" + port + "/readyz");
        long deadline = System.nanoTime() + SERVICE_START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + ": see " + logFile(name));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    log(name + " is up");
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not become healthy: see " + logFile(name));
    }

    private Map<String, String> environment(Service s) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port(s)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("KAFKA_TOPIC_PARTITIONS", "3");
        env.put("JWK_SET_URI", "http://localhost:" + config.authPort() + "/.well-known/jwks.json");
        // the actuator's own port: a free one per service (two stacks, or two gateways, run side by side), known to
        // managementPort(s) for a scrape; the stack waits on /readyz of the public port
        env.put("MANAGEMENT_PORT", Integer.toString(managementPorts.computeIfAbsent(s, x -> freePort())));
        // every request traced (one developer, little traffic); TRACING_LOG_SPANS=true writes the spans to the logs
        env.put("TRACING_SAMPLING_PROBABILITY", System.getenv().getOrDefault("TRACING_SAMPLING_PROBABILITY", "1.0"));
        env.put("TRACING_LOG_SPANS", System.getenv().getOrDefault("TRACING_LOG_SPANS", "false"));
        if (s.database() != null) {
            env.put("DB_HOST", dbHost);
            env.put("DB_PORT", Integer.toString(dbPort));
            env.put("DB_NAME", s.database());
            env.put("DB_USER", dbUser);
            env.put("DB_PASSWORD", dbPassword);
        }
        if (s == Service.AUTH) {
            env.put("AUTH_KEYS_DIR", config.dataDir().resolve("keys").toString());
            // on a developer's machine every user signs up from one address (loopback): production's 10 per hour
            // would stop a frontend's second afternoon; SIGNUP_ADDRESS_LIMIT in the environment still wins
            env.put("SIGNUP_ADDRESS_LIMIT", System.getenv().getOrDefault("SIGNUP_ADDRESS_LIMIT", "1000"));
        }
        if (s == Service.ROOM) {
            // a developer (and the system tests: ChatFlowIT creates 200 rooms) creates rooms by the dozen; production's
            // 30 per hour still applies wherever ROOM_CREATE_LIMIT is not set this way
            env.put("ROOM_CREATE_LIMIT", System.getenv().getOrDefault("ROOM_CREATE_LIMIT", "1000"));
        }
        if (s == Service.MESSAGE) {
            env.put("FILES_DIR", config.dataDir().resolve("files").toString());
        }
        if (s == Service.GATEWAY) {
            env.put("GATEWAY_INSTANCE_ID", "gateway-" + config.gatewayPort());
            env.put("AUTH_SERVICE_URL", "http://localhost:" + config.authPort());
            env.put("ROOM_SERVICE_URL", "http://localhost:" + config.roomPort());
            env.put("MESSAGE_SERVICE_URL", "http://localhost:" + config.messagePort());
            if (DEV_JVM_FLAGS.equals(jvmFlags())) {
                // quick-start JVMs (C1 only, small heaps) answer their first calls slowly, bcrypt above all; the
                // production budget (2 s, ADR 0013) applies to production JVM settings, the benchmark's included
                env.put("GATEWAY_REST_BUDGET", "10s");
            }
        }
        return env;
    }

    public int port(Service s) {
        return switch (s) {
            case AUTH -> config.authPort();
            case ROOM -> config.roomPort();
            case MESSAGE -> config.messagePort();
            case GATEWAY -> config.gatewayPort();
        };
    }

    private Path jar(Service s) {
        return config.root().resolve(s.module()).resolve("target").resolve(s.module() + ".jar");
    }

    /** The launcher's dependencies (kafka_2.13 and friends), copied by the build into target/lib. */
    private String libClasspath() {
        Path lib = config.root().resolve("local-stack").resolve("target").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build first (./mvnw -DskipTests package)");
        }
        return lib.toAbsolutePath() + "/*";
    }

    void printBanner() {
        System.out.println("""

                ============================================================
                 Parley is up: open %s in a browser (the web app).
                   REST API   %s/api/v1
                   WebSocket  ws://localhost:%d/ws?token=<access token>
                   Kafka      %s
                   PostgreSQL %s:%d (databases parley_auth, parley_room, parley_message)
                   Data       %s
                   Logs       %s
                 Press Ctrl-C to stop.
                ============================================================
                """.formatted(gatewayUrl(), gatewayUrl(), config.gatewayPort(), kafkaBootstrap, dbHost, dbPort, config.dataDir(),
                config.dataDir().resolve("logs")));
    }

    private static void log(String line) {
        System.out.println("[parley] " + line);
    }

    /** Stops the services (gracefully, then forcibly), then Kafka, then PostgreSQL. */
    @Override
    public synchronized void close() {
        extraGateways.values().forEach(p -> {
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        extraGateways.clear();
        List<Service> order = List.of(Service.GATEWAY, Service.MESSAGE, Service.ROOM, Service.AUTH);
        for (Service s : order) {
            Process p = processes.get(s);
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (Service s : order) {
            Process p = processes.get(s);
            try {
                if (p != null && !p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("stopping PostgreSQL: " + e.getMessage());
            }
            postgres = null;
        }
    }
}
