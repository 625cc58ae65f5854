package dev.parley.testinfra;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.parley.events.Topics;

/**
 * Real Kafka and PostgreSQL for every module's tests, started once per test JVM.
 *
 * <p>Where a Docker engine answers, they are containers (Testcontainers: {@code apache/kafka} in KRaft mode
 * and {@code postgres}); otherwise an in-JVM KRaft broker ({@link EmbeddedKafkaKraftBroker}) and zonky's
 * embedded PostgreSQL. Tests see only connection strings, so the same tests run on both paths. Setting
 * {@code PARLEY_TEST_INFRA=embedded} or {@code =containers} forces a path.
 */
public final class TestInfra {

    private static final Logger log = LoggerFactory.getLogger(TestInfra.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.3.0";
    private static final String POSTGRES_IMAGE = "postgres:17.10-alpine";

    private static Kafka kafka;
    /** Partitions of each topic on the test broker. */
    static final int TEST_PARTITIONS = 3;
    private static Postgres postgres;

    private TestInfra() {
    }

    /** A running PostgreSQL server. */
    public record Postgres(String host, int port, String username, String password) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String r2dbcUrl(String database) {
            return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private record Kafka(String bootstrapServers) {
    }

    public static boolean useContainers() {
        String forced = System.getenv("PARLEY_TEST_INFRA");
        if ("embedded".equalsIgnoreCase(forced)) {
            return false;
        }
        if ("containers".equalsIgnoreCase(forced)) {
            return true;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = startKafka();
            createEventTopics(kafka.bootstrapServers());
            ContractTap.start(kafka.bootstrapServers()); // every record of every test keeps the event contract
        }
        return kafka.bootstrapServers();
    }

    /**
     * The broker creates no topic on demand (as in production), so Parley's event topics exist from the start, as a
     * cluster's declared topics would, and a test's probe may subscribe before a service has started. Their
     * dead-letter topics are not created here: the services declare those themselves (ChatListIT relies on it).
     */
    private static void createEventTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Topics.ALL.stream().map(t -> new NewTopic(t, TEST_PARTITIONS, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("creating the event topics failed", e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("creating the event topics failed", e);
        }
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = startPostgres();
        }
        return postgres;
    }

    /**
     * Terminates every connection to a database but the caller's ({@code pg_terminate_backend}), as an operator's
     * failover or a crashing PostgreSQL would. Returns how many.
     */
    public static int terminateConnections(String database) {
        Postgres pg = postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
             PreparedStatement s = c.prepareStatement("""
                     SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                     WHERE datname = ? AND pid <> pg_backend_pid()""")) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate the connections to " + database, e);
        }
    }

    /** Creates a fresh, empty database and returns its name. */
    public static String createDatabase(String prefix) {
        Postgres pg = postgres();
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    /**
     * Spring properties pointing a service at a new database of its own and at the shared broker.
     */
    public static Map<String, String> serviceProperties(String databasePrefix) {
        Postgres pg = postgres();
        String db = createDatabase(databasePrefix);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.r2dbc.url", pg.r2dbcUrl(db));
        props.put("spring.r2dbc.username", pg.username());
        props.put("spring.r2dbc.password", pg.password());
        props.put("spring.flyway.url", pg.jdbcUrl(db));
        props.put("spring.flyway.user", pg.username());
        props.put("spring.flyway.password", pg.password());
        props.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        props.put("parley.kafka.topics.partitions", String.valueOf(TEST_PARTITIONS));
        return props;
    }

    /** {@link #serviceProperties} as a {@code @DynamicPropertySource}. */
    public static void register(DynamicPropertyRegistry registry, String databasePrefix) {
        serviceProperties(databasePrefix).forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Only the broker, for services without a database (the gateway). */
    public static void registerKafka(DynamicPropertyRegistry registry) {
        String servers = kafkaBootstrapServers();
        registry.add("spring.kafka.bootstrap-servers", () -> servers);
        registry.add("parley.kafka.topics.partitions", () -> String.valueOf(TEST_PARTITIONS));
    }

    private static Kafka startKafka() {
        if (useContainers()) {
            log.info("starting Kafka container {}", KAFKA_IMAGE);
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Kafka(container.getBootstrapServers());
        }
        log.info("no Docker engine: starting an in-JVM KRaft broker");
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        // as in production: a topic exists because it is declared (a dead-letter topic too), never by accident
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.brokerProperty("offsets.topic.replication.factor", "1");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        return new Kafka(broker.getBrokersAsString());
    }

    private static Postgres startPostgres() {
        if (useContainers()) {
            log.info("starting PostgreSQL container {}", POSTGRES_IMAGE);
            PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
                    .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Postgres(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                    container.getPassword());
        }
        log.info("no Docker engine: starting zonky embedded PostgreSQL");
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // the JVM is going away
                }
            }));
            return new Postgres("localhost", pg.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }
}
