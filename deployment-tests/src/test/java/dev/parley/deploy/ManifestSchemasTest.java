package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered manifests are valid against the schemas of Kubernetes and of the operators' CRDs they use (Strimzi's
 * v1 API, CloudNativePG, the Gateway API, prometheus-operator), as kubeconform would check them: tools/k8s-check,
 * with the schemas from the kubernetes-models packages (generated from the CRDs' OpenAPI schemas), pinned in its
 * package-lock.json and installed by this module's build.
 */
class ManifestSchemasTest {

    record Result(int exit, String output) {
    }

    static Result validate(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", "tools/k8s-check/validate.mjs", file.toString())
                .directory(Rendered.root().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectMatchesItsSchema(String overlay) throws Exception {
        Path rendered = Files.createTempFile("parley-" + overlay, ".yaml");
        Files.writeString(rendered, Rendered.kustomize(overlay));
        Result r = validate(rendered);
        System.out.print(overlay + ": " + r.output());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("kafka.strimzi.io/v1 Kafka", "gateway.networking.k8s.io/v1 HTTPRoute",
                "postgresql.cnpg.io/v1 Cluster", "kafka.strimzi.io/v1 KafkaUser");
    }

    @Test
    void theAlertRulesMatchTheirSchema() throws Exception {
        Result r = validate(Rendered.root().resolve("k8s/monitoring/prometheus-rules.yaml"));
        assertThat(r.exit()).as(r.output()).isZero();
    }

    @Test
    void aManifestThatBreaksItsSchemaIsRefused() throws Exception {
        String prod = Rendered.kustomize("prod");
        Path broken = Files.createTempFile("parley-broken", ".yaml");
        Files.writeString(broken, prod.replaceFirst("type: scram-sha-512", "type: scram-sha-1024")
                + "\n---\napiVersion: kafka.strimzi.io/v1beta3\nkind: Kafka\nmetadata:\n  name: unknown-version\n");
        Result r = validate(broken);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("authentication/type").contains("no schema for kafka.strimzi.io/v1beta3 Kafka");
    }
}
