package dev.parley.deploy;

import static dev.parley.deploy.Rendered.at;
import static dev.parley.deploy.Rendered.name;
import static dev.parley.deploy.Rendered.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.parley.events.Topics;

/** Every rule of the deployment, checked on what kustomize renders for each overlay. */
class KubernetesManifestsTest {

    static final Set<String> SERVICES = Set.of("auth-service", "room-service", "message-service", "gateway-ws");
    /** Every deployment: the services, and message-files (message-service's image holding the uploaded files). */
    static final Set<String> DEPLOYMENTS = Set.of("auth-service", "room-service", "message-service", "gateway-ws",
            "message-files");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasProbesLimitsARestrictedSecurityContextAndAGracefulStop(String overlay) {
        List<Map<String, Object>> deployments = ofKind(Rendered.overlay(overlay), "Deployment");
        assertThat(deployments).extracting(Rendered::name).containsExactlyInAnyOrderElementsOf(DEPLOYMENTS);
        for (Map<String, Object> d : deployments) {
            Map<String, Object> pod = at(d, "spec", "template", "spec");
            Map<String, Object> c = at(pod, "containers", 0);
            String n = name(d);
            assertThat((Object) at(c, "startupProbe", "httpGet", "path")).as(n).isEqualTo("/livez");
            assertThat((Object) at(c, "livenessProbe", "httpGet", "path")).as(n).isEqualTo("/livez");
            assertThat((Object) at(c, "readinessProbe", "httpGet", "path")).as(n).isEqualTo("/readyz");
            // metrics are scraped from the management port, which no Service exposes (issue #14)
            assertThat((Object) at(d, "spec", "template", "metadata", "annotations", "prometheus.io/port")).as(n)
                    .isEqualTo("9090");
            assertThat((List<Map<String, Object>>) at(c, "ports")).as(n)
                    .anySatisfy(p -> assertThat(p).containsEntry("name", "management").containsEntry("containerPort", 9090));
            for (String kind : List.of("requests", "limits")) {
                assertThat((Object) at(c, "resources", kind, "memory")).as(n + " " + kind).isNotNull();
                assertThat((Object) at(c, "resources", kind, "cpu")).as(n + " " + kind).isNotNull();
            }
            assertThat((Object) at(pod, "securityContext", "runAsNonRoot")).as(n).isEqualTo(true);
            assertThat((Object) at(c, "securityContext", "allowPrivilegeEscalation")).as(n).isEqualTo(false);
            assertThat((Object) at(c, "securityContext", "readOnlyRootFilesystem")).as(n).isEqualTo(true);
            assertThat((List<Object>) at(c, "securityContext", "capabilities", "drop")).as(n).contains("ALL");
            assertThat((Object) at(c, "lifecycle", "preStop")).as(n).isNotNull();
            assertThat((Integer) at(pod, "terminationGracePeriodSeconds")).as(n).isGreaterThanOrEqualTo(30);
            String image = at(c, "image");
            assertThat(image).as(n).contains(":").doesNotEndWith(":latest");
        }
    }

    @Test
    void theGatewaysGracePeriodCoversItsSocketDrain() {
        List<Map<String, Object>> objects = Rendered.overlay("prod");
        Map<String, Object> gateway = ofKind(objects, "Deployment").stream().filter(d -> "gateway-ws".equals(name(d)))
                .findFirst().orElseThrow();
        Map<String, Object> config = ofKind(objects, "ConfigMap").stream().filter(d -> "gateway-ws".equals(name(d)))
                .findFirst().orElseThrow();
        int grace = at(gateway, "spec", "template", "spec", "terminationGracePeriodSeconds");
        int preStop = at(gateway, "spec", "template", "spec", "containers", 0, "lifecycle", "preStop", "sleep", "seconds");
        int drain = Integer.parseInt(((String) at(config, "data", "WS_SHUTDOWN_GRACE")).replace("s", ""));
        int phase = Integer.parseInt(((String) at(config, "data", "SHUTDOWN_PHASE_TIMEOUT")).replace("s", ""));
        assertThat(preStop + Math.max(drain, phase)).isLessThanOrEqualTo(grace);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void noSecretValueIsInTheManifestsAndNoImageFloats(String overlay) {
        List<Map<String, Object>> objects = Rendered.overlay(overlay);
        assertThat(ofKind(objects, "Secret")).as("secrets are created beside the manifests, never in them").isEmpty();
        for (Map<String, Object> cm : ofKind(objects, "ConfigMap")) {
            Map<String, Object> data = at(cm, "data");
            assertThat(data.keySet()).as(name(cm)).noneMatch(k -> k.contains("PASSWORD") || k.contains("SECRET"));
        }
        for (Map<String, Object> d : ofKind(objects, "Deployment")) {
            List<Map<String, Object>> env = at(d, "spec", "template", "spec", "containers", 0, "env");
            env.stream().filter(e -> ((String) e.get("name")).contains("PASSWORD"))
                    .forEach(e -> assertThat(e).as(name(d)).containsKey("valueFrom").doesNotContainKey("value"));
        }
        String image = at(ofKind(objects, "Cluster").get(0), "spec", "imageName");
        assertThat(image).doesNotEndWith(":latest").contains(":");
    }

    @Test
    void onlyTheGatewayIsReachableFromOutsideAndOnlyServicesReachTheData() {
        List<Map<String, Object>> objects = Rendered.overlay("prod");
        Map<String, Map<String, Object>> policies = ofKind(objects, "NetworkPolicy").stream()
                .collect(Collectors.toMap(Rendered::name, p -> p));
        assertThat(policies).containsKeys("default-deny-ingress", "gateway-from-ingress", "services-from-gateway",
                "database-from-services", "kafka-from-parley");
        assertThat((Map<String, Object>) at(policies.get("default-deny-ingress"), "spec", "podSelector")).isEmpty();

        // the Gateway API, not an Ingress: TLS by cert-manager on 443, HTTP only redirects
        assertThat(ofKind(objects, "Ingress")).isEmpty();
        Map<String, Object> gateway = ofKind(objects, "Gateway").get(0);
        assertThat((Object) at(gateway, "metadata", "annotations", "cert-manager.io/cluster-issuer")).isNotNull();
        List<Map<String, Object>> listeners = at(gateway, "spec", "listeners");
        assertThat(listeners).anySatisfy(l -> assertThat(l).containsEntry("protocol", "HTTPS").containsEntry("port", 443));
        Map<String, Object> route = ofKind(objects, "HTTPRoute").stream().filter(r -> "parley".equals(name(r)))
                .findFirst().orElseThrow();
        List<Map<String, Object>> rules = at(route, "spec", "rules");
        List<String> paths = rules.stream().flatMap(r -> ((List<Map<String, Object>>) r.get("matches")).stream())
                .map(m -> (String) at(m, "path", "value")).toList();
        assertThat(paths).contains("/", "/ws"); // what reaches which rule, path by path: GatewayRoutesTest
        assertThat(rules).allSatisfy(r -> assertThat((Object) at(r, "backendRefs", 0, "name")).isEqualTo("gateway-ws"));
        Map<String, Object> ws = rules.stream().filter(r -> "/ws".equals(at(r, "matches", 0, "path", "value")))
                .findFirst().orElseThrow();
        assertThat((Object) at(ws, "timeouts", "request")).as("no timeout on a WebSocket").isEqualTo("0s");
    }

    @Test
    void filesNeedNoReadWriteManyVolume() {
        List<Map<String, Object>> objects = Rendered.overlay("prod");
        ofKind(objects, "PersistentVolumeClaim").forEach(pvc -> assertThat((List<String>) at(pvc, "spec",
                "accessModes")).as(name(pvc)).containsExactly("ReadWriteOnce"));
        Map<String, Object> files = ofKind(objects, "Deployment").stream().filter(d -> "message-files".equals(name(d)))
                .findFirst().orElseThrow();
        assertThat((Object) at(files, "spec", "replicas")).isEqualTo(1);
        assertThat((Object) at(files, "spec", "strategy", "type")).isEqualTo("Recreate");
        Map<String, Object> gatewayConfig = ofKind(objects, "ConfigMap").stream()
                .filter(c -> "gateway-ws".equals(name(c))).findFirst().orElseThrow();
        assertThat((Object) at(gatewayConfig, "data", "FILES_SERVICE_URL")).isEqualTo("http://message-files:8083");
        for (Map<String, Object> d : ofKind(objects, "Deployment")) {
            List<Map<String, Object>> volumes = at(d, "spec", "template", "spec", "volumes");
            boolean mountsFiles = volumes != null && volumes.stream().anyMatch(v -> v.containsKey("persistentVolumeClaim"));
            assertThat(mountsFiles).as(name(d)).isEqualTo("message-files".equals(name(d)));
        }
    }

    @Test
    void kafkaClientsAuthenticateAndAnOutsideReaderMayOnlyReadThePublicTopics() {
        List<Map<String, Object>> objects = Rendered.overlay("prod");
        Map<String, Object> kafka = ofKind(objects, "Kafka").get(0);
        assertThat((Object) at(kafka, "spec", "kafka", "authorization", "type")).isEqualTo("simple");
        List<Map<String, Object>> listeners = at(kafka, "spec", "kafka", "listeners");
        assertThat(listeners).allSatisfy(l -> assertThat((Object) at(l, "authentication", "type"))
                .isEqualTo("scram-sha-512"));
        assertThat(listeners).anySatisfy(l -> assertThat(l).containsEntry("tls", true).containsEntry("port", 9094));
        Map<String, Object> reader = ofKind(objects, "KafkaUser").stream().filter(u -> "parley-reader".equals(name(u)))
                .findFirst().orElseThrow();
        List<Map<String, Object>> acls = at(reader, "spec", "authorization", "acls");
        assertThat(acls).allSatisfy(a -> assertThat((List<String>) a.get("operations"))
                .doesNotContain("Write", "Create", "Delete", "Alter", "All"));
        assertThat(acls).noneSatisfy(a -> assertThat((Object) at(a, "resource", "name")).isEqualTo("session.revocation"));
        for (Map<String, Object> d : ofKind(objects, "Deployment")) {
            List<Map<String, Object>> env = at(d, "spec", "template", "spec", "containers", 0, "env");
            assertThat(env).as(name(d)).anySatisfy(e -> assertThat(e)
                    .containsEntry("name", "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").containsKey("valueFrom"));
        }
    }

    @Test
    void kafkaAndPostgresComeFromTheirOperatorsWithEveryTopicAndDatabase() {
        List<Map<String, Object>> objects = Rendered.overlay("prod");
        Map<String, Object> kafka = ofKind(objects, "Kafka").get(0);
        assertThat((String) kafka.get("apiVersion")).as("Strimzi's v1 API").isEqualTo("kafka.strimzi.io/v1");
        ofKind(objects, "KafkaTopic").forEach(t -> assertThat((String) t.get("apiVersion")).isEqualTo("kafka.strimzi.io/v1"));
        assertThat((Object) at(kafka, "spec", "kafka", "config", "min.insync.replicas")).isEqualTo(2);
        assertThat((Object) at(kafka, "spec", "kafka", "config", "default.replication.factor")).isEqualTo(3);
        assertThat((Object) at(ofKind(objects, "KafkaNodePool").get(0), "spec", "replicas")).isEqualTo(3);

        Map<String, Map<String, Object>> topics = ofKind(objects, "KafkaTopic").stream()
                .collect(Collectors.toMap(t -> at(t, "spec", "topicName"), t -> t));
        List<String> expected = new ArrayList<>(Topics.ALL);
        expected.addAll(Topics.DEAD_LETTERS);
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        Topics.ALL.forEach(t -> assertThat((Object) at(topics.get(Topics.deadLetter(t)), "spec", "partitions"))
                .isEqualTo(at(topics.get(t), "spec", "partitions")));
        topics.values().forEach(t -> assertThat((Object) at(t, "spec", "replicas")).isEqualTo(3));
        assertThat((Object) at(topics.get(Topics.ROOM), "spec", "config", "retention.ms")).isEqualTo(-1);
        assertThat((Object) at(topics.get(Topics.TYPING), "spec", "config", "retention.ms")).isEqualTo(60000);
        assertThat((Object) at(topics.get(Topics.ROOM_MEMBERSHIP), "spec", "config", "cleanup.policy"))
                .isEqualTo("compact");

        assertThat((Object) at(ofKind(objects, "Cluster").get(0), "spec", "instances")).isEqualTo(3);
        assertThat(ofKind(objects, "Database")).extracting(d -> (String) at(d, "spec", "name"))
                .containsExactlyInAnyOrder("parley_auth", "parley_room", "parley_message");
    }

    @Test
    void prodScalesTheGatewayAndMessageServiceAndSurvivesANodeLoss() {
        List<Map<String, Object>> objects = Rendered.overlay("prod");
        assertThat(ofKind(objects, "HorizontalPodAutoscaler"))
                .extracting(h -> (String) at(h, "spec", "scaleTargetRef", "name"))
                .containsExactlyInAnyOrder("gateway-ws", "message-service");
        assertThat(ofKind(objects, "PodDisruptionBudget")).extracting(Rendered::name)
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Map<String, Object> d : ofKind(objects, "Deployment")) {
            if ("message-files".equals(name(d))) {
                continue; // one replica by design: its volume attaches to one pod (filesNeedNoReadWriteManyVolume)
            }
            assertThat((Integer) at(d, "spec", "replicas")).as(name(d)).isGreaterThanOrEqualTo(2);
            assertThat((Object) at(d, "spec", "template", "spec", "affinity", "podAntiAffinity")).as(name(d)).isNotNull();
        }
    }

    @Test
    void devRunsOneOfEverything() {
        List<Map<String, Object>> objects = Rendered.overlay("dev");
        ofKind(objects, "Deployment").forEach(d -> assertThat((Object) at(d, "spec", "replicas")).isEqualTo(1));
        assertThat((Object) at(ofKind(objects, "KafkaNodePool").get(0), "spec", "replicas")).isEqualTo(1);
        assertThat((Object) at(ofKind(objects, "Cluster").get(0), "spec", "instances")).isEqualTo(1);
        assertThat(ofKind(objects, "HorizontalPodAutoscaler")).isEmpty();
    }
}
