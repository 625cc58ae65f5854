package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.events.ParleyJson;
import dev.parley.localstack.LocalStack;
import dev.parley.localstack.Service;

/**
 * Issue #15's observability, through the running stack: one send is one trace across the services' logs (structured
 * JSON, the spans written to the logs as the local stack does without a collector), and every metric the Grafana
 * dashboard and the Prometheus alert rules name is one the services export.
 */
class ObservabilityIT {

    static LocalStack stack;
    static Api api;
    static final Path ROOT = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();

    @BeforeAll
    static void start() throws Exception {
        stack = TestStacks.start("parley-observability-test");
        api = new Api(stack.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        TestStacks.stop(stack);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void oneSendIsOneTraceThroughTheGatewayTheServiceTheRelayTheConsumersAndThePush() throws Exception {
        Api.User ann = api.signUp("ann");
        Api.Response room = api.post("/rooms", ann.token(), Map.of("name", "Traced", "type", "public"));
        assertThat(room.status()).isEqualTo(201);
        String roomId = room.data().get("id").asString();
        try (dev.parley.testinfra.WsTestClient ws = dev.parley.testinfra.WsTestClient.connect(
                "ws://localhost:" + stack.config().gatewayPort() + "/ws?token=" + ann.token())) {
            ws.send(Map.of("type", "auth", "token", ann.token()));
            await().atMost(Duration.ofSeconds(15)).until(() -> !ws.framesOfType("auth_response").isEmpty());

            // the client's own trace of the user's action "log in and post" (as a browser's OpenTelemetry
            // instrumentation makes it): one trace id, a span per request
            String traceId = hex(16);
            Map<String, String> login = Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01");
            Api.Response again = api.request("POST", "/auth/login", null, Api.JSON.writeValueAsString(
                    Map.of("username", ann.username(), "password", "securePassword123")), login);
            assertThat(again.status()).isEqualTo(200);
            Map<String, String> send = Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01");
            Api.Response sent = api.request("POST", "/messages", again.data().get("token").asString(),
                    Api.JSON.writeValueAsString(Map.of("room_id", roomId, "content", "traced hello")), send);
            assertThat(sent.status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(15)).until(() -> ws.framesOfType("message").stream()
                    .anyMatch(f -> "traced hello".equals(f.path("content").asString())));

            // every service's log has the trace: the gateway's route and push, message-service's request and its
            // relay's publish, room-service's chat-list update of the event, auth-service's login
            Map<Service, List<String>> expected = Map.of(
                    Service.GATEWAY, List.of("http post", "ws push event.message"),
                    Service.MESSAGE, List.of("http post", "outbox publish event.message"),
                    Service.ROOM, List.of("chat list apply"),
                    Service.AUTH, List.of("http post"));
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (Map.Entry<Service, List<String>> e : expected.entrySet()) {
                    List<JsonNode> lines = linesWith(e.getKey(), traceId);
                    assertThat(lines).as("%s's log lines of trace %s", e.getKey().module(), traceId).isNotEmpty();
                    for (String span : e.getValue()) {
                        assertThat(lines).as("%s: a span '%s' in trace %s", e.getKey().module(), span, traceId)
                                .anySatisfy(l -> assertThat(l.path("message").asString()).contains(span));
                    }
                }
            });
            // the access log line is JSON with the trace id as a field of its own
            assertThat(linesWith(Service.MESSAGE, traceId))
                    .anySatisfy(l -> assertThat(l.path("trace_id").asString()).isEqualTo(traceId));
            for (Service s : Service.values()) {
                System.out.printf("trace %s: %d log lines in %s%n", traceId, linesWith(s, traceId).size(), s.module());
            }
        }
    }

    /** The JSON log lines of a service that mention a trace id (every line of its log must be JSON). */
    private static List<JsonNode> linesWith(Service s, String traceId) throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(stack.logFile(s.module()))) {
            if (!line.startsWith("{")) {
                continue; // the JVM's own lines before logging starts
            }
            if (line.contains(traceId)) {
                out.add(ParleyJson.mapper().readTree(line));
            }
        }
        return out;
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsNameIsExported() throws Exception {
        // traffic that makes the lazily created meters appear: a send (delivery latency, relay latency) and a
        // refusal by a rate limit (wrong passwords until the login throttle answers 429)
        Api.User bob = api.signUp("bob");
        Api.Response room = api.post("/rooms", bob.token(), Map.of("name", "Metered", "type", "public"));
        String roomId = room.data().get("id").asString();
        try (dev.parley.testinfra.WsTestClient ws = dev.parley.testinfra.WsTestClient.connect(
                "ws://localhost:" + stack.config().gatewayPort() + "/ws?token=" + bob.token())) {
            ws.send(Map.of("type", "auth", "token", bob.token()));
            await().atMost(Duration.ofSeconds(15)).until(() -> !ws.framesOfType("auth_response").isEmpty());
            assertThat(api.post("/messages", bob.token(), Map.of("room_id", roomId, "content", "metered")).status())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(15)).until(() -> !ws.framesOfType("message").isEmpty());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.post("/auth/login", null,
                Map.of("username", bob.username(), "password", "wrong-password-1")).status() == 429);

        Set<String> referenced = new TreeSet<>();
        referenced.addAll(metricNames(Files.readString(ROOT.resolve("k8s/monitoring/grafana-dashboard.json"))));
        referenced.addAll(metricNames(Files.readString(ROOT.resolve("k8s/monitoring/prometheus-rules.yaml"))));
        assertThat(referenced).hasSizeGreaterThan(8);

        HttpClient http = HttpClient.newHttpClient();
        Set<String> exported = new TreeSet<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            exported.clear();
            for (Service s : Service.values()) {
                HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + stack.managementPort(s) + "/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(scrape.statusCode()).as(s.module()).isEqualTo(200);
                for (String line : scrape.body().split("\n")) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        exported.add(line.split("[{ ]", 2)[0]);
                    }
                }
            }
            assertThat(exported).as("metrics the services export").containsAll(referenced);
        });
        System.out.printf("observability: %d metrics named by the dashboard and the alerts, all exported: %s%n",
                referenced.size(), referenced);
    }

    private static final Pattern METRIC = Pattern.compile("\\b((?:parley|kafka|http|jvm|process)_[a-z0-9_]+)\\b");

    static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
