package dev.parley.deploy;

import static dev.parley.deploy.Rendered.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** docker-compose.yml as {@code docker-compose config} reads it, and the Dockerfile. */
class ComposeAndImageTest {

    static final Set<String> SERVICES = Set.of("auth-service", "room-service", "message-service", "gateway-ws");

    @Test
    void composeRunsTheWholeSystemWithHealthchecksLimitsAndOrderedStartup() {
        Map<String, Object> services = at(Rendered.compose(), "services");
        assertThat(services).containsKeys("postgres", "kafka", "auth-service", "room-service", "message-service",
                "gateway-ws");
        // the Kafka and PostgreSQL of the Kubernetes install (k8s/versions.env), so that both run what is supported
        Map<String, String> pinned = Rendered.pinnedVersions();
        assertThat((String) at(services, "kafka", "image")).isEqualTo("apache/kafka:" + pinned.get("KAFKA_VERSION"));
        String postgres = pinned.get("POSTGRESQL_IMAGE").replaceFirst("^.*:([0-9.]+).*$", "$1");
        assertThat((String) at(services, "postgres", "image")).isEqualTo("postgres:" + postgres + "-alpine");
        for (String name : services.keySet()) {
            assertThat((Object) at(services, name, "healthcheck", "test")).as(name).isNotNull();
            assertThat((Object) at(services, name, "mem_limit")).as(name).isNotNull();
        }
        for (String name : SERVICES) {
            assertThat((Object) at(services, name, "build", "args", "SERVICE")).as(name).isEqualTo(name);
            Map<String, Object> deps = at(services, name, "depends_on");
            assertThat(deps).as(name).isNotEmpty();
            deps.values().forEach(dep -> assertThat((Object) at(dep, "condition")).isEqualTo("service_healthy"));
        }
        assertThat(at(services, "gateway-ws", "ports").toString()).contains("8080");
    }

    @Test
    void theImageIsLayeredPinnedNonRootAndHealthChecked() throws Exception {
        String dockerfile = Files.readString(Rendered.root().resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("ARG JRE_IMAGE=eclipse-temurin:25\\.[0-9.]+_[0-9]+-jre")
                .contains("-XX:+UseCompactObjectHeaders")
                .contains("extract --layers").contains("USER 10001:10001").contains("HEALTHCHECK")
                .contains("MaxRAMPercentage").doesNotContain(":latest");
    }
}
