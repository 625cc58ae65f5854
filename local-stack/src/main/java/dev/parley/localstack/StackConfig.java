package dev.parley.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the local stack runs and where. Everything comes from environment variables with the ports of
 * DESIGN.md as defaults.
 *
 * @param root          the repository (where the service jars are built)
 * @param dataDir       where PostgreSQL, Kafka, keys and logs keep their files across restarts
 * @param gatewayPort   8080
 * @param authPort      8081
 * @param roomPort      8082
 * @param messagePort   8083
 * @param kafkaPort     9092 (embedded broker)
 * @param postgresPort  5432 (embedded PostgreSQL)
 * @param externalKafka bootstrap servers of a Kafka to use instead of the embedded one, or null
 * @param externalDb    a PostgreSQL to use instead of the embedded one, or null
 */
public record StackConfig(Path root, Path dataDir, int gatewayPort, int authPort, int roomPort, int messagePort,
        int kafkaPort, int postgresPort, String externalKafka, ExternalDb externalDb) {

    /** An external PostgreSQL: the stack creates the three databases in it if they are missing. */
    public record ExternalDb(String host, int port, String user, String password) {
    }

    public static StackConfig fromEnvironment(Path root) {
        Map<String, String> env = System.getenv();
        String dbHost = env.get("PARLEY_DB_HOST");
        ExternalDb db = dbHost == null || dbHost.isBlank() ? null : new ExternalDb(dbHost,
                Integer.parseInt(env.getOrDefault("PARLEY_DB_PORT", "5432")),
                env.getOrDefault("PARLEY_DB_USER", "postgres"), env.getOrDefault("PARLEY_DB_PASSWORD", ""));
        String kafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
        return new StackConfig(root,
                Path.of(env.getOrDefault("PARLEY_DATA_DIR", root.resolve(".parley").toString())).toAbsolutePath(),
                port(env, "GATEWAY_PORT", 8080), port(env, "AUTH_PORT", 8081), port(env, "ROOM_PORT", 8082),
                port(env, "MESSAGE_PORT", 8083), port(env, "KAFKA_PORT", 9092), port(env, "POSTGRES_PORT", 5432),
                kafka == null || kafka.isBlank() ? null : kafka, db);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v);
    }
}
