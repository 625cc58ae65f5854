package dev.parley.deploy;

import static dev.parley.deploy.Rendered.at;
import static dev.parley.deploy.Rendered.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On Kubernetes, every path the README promises at the gateway reaches it through the Gateway API: the prod overlay's
 * HTTPRoutes are matched the way the Gateway API specifies (an Exact match before any prefix, the longest prefix
 * first, a PathPrefix matching whole path segments), for the paths the README names and the web app's assets.
 */
class GatewayRoutesTest {

    /** A path the README names at {@code http://localhost:8080}, or in backticks as a path of the gateway. */
    private static final Pattern README_PATH = Pattern.compile("localhost:8080(/[^\\s`'\")<?]*)?|`(/[a-z][^`\\s]*)`");
    /** What a browser asks for beside the README's paths: the web app's hashed assets, the Swagger UI's own. */
    private static final List<String> ASSETS = List.of("/index.html", "/assets/main-4F3KX2QZ.js",
            "/assets/styles-Q2W7ZC1M.css", "/swagger-ui/index.html", "/webjars/swagger-ui/index.html");

    record Rule(String matchType, String value, Map<String, Object> rule) {
    }

    static List<Map<String, Object>> prod;
    static Map<String, Object> gateway;
    static List<Rule> httpsRules;

    @BeforeAll
    static void render() {
        prod = Rendered.overlay("prod");
        gateway = ofKind(prod, "Gateway").get(0);
        httpsRules = new ArrayList<>();
        for (Map<String, Object> route : ofKind(prod, "HTTPRoute")) {
            List<Map<String, Object>> parents = at(route, "spec", "parentRefs");
            if (parents.stream().noneMatch(p -> "https".equals(p.get("sectionName")))) {
                continue;
            }
            for (Map<String, Object> rule : (List<Map<String, Object>>) at(route, "spec", "rules")) {
                for (Map<String, Object> match : (List<Map<String, Object>>) rule.get("matches")) {
                    httpsRules.add(new Rule(at(match, "path", "type"), at(match, "path", "value"), rule));
                }
            }
        }
    }

    /** The paths the README names at the gateway. */
    static Set<String> readmePaths() throws IOException {
        Set<String> paths = new LinkedHashSet<>();
        Matcher m = README_PATH.matcher(Files.readString(Rendered.root().resolve("README.md")));
        while (m.find()) {
            String p = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "/";
            if (m.group(2) == null || p.endsWith(".yaml") || p.startsWith("/api/") || p.equals("/ws")) {
                paths.add(p.replaceAll("[.,;:]$", ""));
            }
        }
        return paths;
    }

    /** The rule the Gateway API gives a path to: Exact first, then the longest matching prefix. */
    static Optional<Rule> route(String path) {
        return httpsRules.stream().filter(r -> matches(r, path)).min(Comparator
                .comparing((Rule r) -> r.matchType().equals("Exact") ? 0 : 1)
                .thenComparing(r -> -r.value().length()));
    }

    static boolean matches(Rule r, String path) {
        return switch (r.matchType()) {
            case "Exact" -> path.equals(r.value());
            case "PathPrefix" -> {
                String prefix = r.value().endsWith("/") ? r.value().substring(0, r.value().length() - 1) : r.value();
                yield prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
            }
            default -> throw new AssertionError("a match type this test does not know: " + r.matchType());
        };
    }

    @Test
    void theReadmeNamesThePathsOfTheAppTheApiAndItsDocuments() throws IOException {
        assertThat(readmePaths()).contains("/", "/swagger-ui.html", "/v3/api-docs", "/asyncapi.yaml",
                "/asyncapi-events.yaml", "/api/v1", "/api/v1/auth/login", "/ws");
    }

    @Test
    void everyPathTheReadmeNamesAndTheAppsAssetsReachTheGateway() throws IOException {
        List<String> paths = new ArrayList<>(readmePaths());
        paths.addAll(ASSETS);
        for (String path : paths) {
            Optional<Rule> rule = route(path);
            assertThat(rule).as("no HTTPRoute of the https listener matches %s", path).isPresent();
            assertThat((Object) at(rule.get().rule(), "backendRefs", 0, "name")).as(path).isEqualTo("gateway-ws");
            assertThat((Object) at(rule.get().rule(), "backendRefs", 0, "port")).as(path).isEqualTo(8080);
        }
    }

    @Test
    void aWebSocketHasNoRequestTimeoutAndAnUploadHasTime() {
        assertThat((Object) at(route("/ws").orElseThrow().rule(), "timeouts", "request")).isEqualTo("0s");
        assertThat((Object) at(route("/api/v1/files").orElseThrow().rule(), "timeouts", "request")).isEqualTo("150s");
    }

    @Test
    void aPrefixMatchesWholeSegmentsOnly() {
        Rule swaggerUi = new Rule("PathPrefix", "/swagger-ui", Map.of());
        assertThat(matches(swaggerUi, "/swagger-ui/index.html")).isTrue();
        assertThat(matches(swaggerUi, "/swagger-ui.html")).isFalse();
        assertThat(matches(new Rule("PathPrefix", "/", Map.of()), "/swagger-ui.html")).isTrue();
    }

    @Test
    void theGatewaysHostIsAnAllowedOriginOfTheWebAppItServes() {
        String host = at(gateway, "spec", "listeners", 0, "hostname");
        Map<String, Object> config = ofKind(prod, "ConfigMap").stream()
                .filter(c -> "gateway-ws".equals(Rendered.name(c))).findFirst().orElseThrow();
        assertThat(List.of(((String) at(config, "data", "WS_ALLOWED_ORIGINS")).split(",")))
                .contains("https://" + host);
    }
}
