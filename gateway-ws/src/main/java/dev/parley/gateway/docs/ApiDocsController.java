package dev.parley.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's machine-readable description at the gateway, for frontend developers:
 * <ul>
 *   <li>{@code GET /v3/api-docs}: one OpenAPI document of every service behind the gateway (each service's own
 *       {@code /v3/api-docs}, and the gateway's, merged by {@link OpenApiMerger}); the Swagger UI at
 *       {@code /swagger-ui.html} shows it;</li>
 *   <li>{@code GET /asyncapi.yaml}: the AsyncAPI document of the WebSocket protocol;</li>
 *   <li>{@code GET /asyncapi-events.yaml}: the AsyncAPI document of the Kafka topics (for other systems).</li>
 * </ul>
 * The merged document is kept for {@link #TTL}; a service that does not answer is left out (and named in the
 * description) until the next build of the document.
 */
@RestController
@Hidden
class ApiDocsController {

    private static final Logger log = LoggerFactory.getLogger(ApiDocsController.class);
    static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final RouteLocator routes;
    private final Environment env;
    private final WebClient http = WebClient.builder()
            .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
    private final JsonMapper mapper;
    private final OpenApiMerger merger;
    private final byte[] wsDocument = resource("dev/parley/protocol/asyncapi-ws.yaml");
    private final byte[] eventsDocument = resource("dev/parley/events/asyncapi.yaml");
    private volatile Mono<String> merged;
    private volatile long mergedAt;

    ApiDocsController(RouteLocator routes, Environment env, JsonMapper mapper) {
        this.routes = routes;
        this.env = env;
        this.mapper = mapper;
        this.merger = new OpenApiMerger(mapper);
    }

    @GetMapping(value = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> apiDocs() {
        Mono<String> current = merged;
        if (current == null || System.nanoTime() - mergedAt > TTL.toNanos()) {
            current = build().cache();
            merged = current;
            mergedAt = System.nanoTime();
        }
        return current.map(body -> ResponseEntity.ok().cacheControl(CacheControl.maxAge(TTL)).body(body));
    }

    @GetMapping(value = "/asyncapi.yaml")
    ResponseEntity<byte[]> webSocketProtocol() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .body(wsDocument);
    }

    @GetMapping(value = "/asyncapi-events.yaml")
    ResponseEntity<byte[]> kafkaEvents() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .body(eventsDocument);
    }

    private Mono<String> build() {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        Flux<Map.Entry<String, URI>> services = routes.getRoutes()
                .filter(r -> "http".equals(r.getUri().getScheme()) || "https".equals(r.getUri().getScheme()))
                .map(r -> Map.entry(serviceName(r), URI.create(r.getUri().getScheme() + "://"
                        + r.getUri().getAuthority())))
                .distinct(Map.Entry::getValue)
                .sort(Map.Entry.comparingByKey());
        List<String> unavailable = new CopyOnWriteArrayList<>();
        return services.concatWith(Mono.just(Map.entry("gateway-ws", URI.create("http://127.0.0.1:" + port))))
                .concatMap(s -> fetch(s.getKey(), s.getValue().resolve(s.getKey().equals("gateway-ws")
                        ? "/v3/api-docs/gateway" : "/v3/api-docs"))
                        .map(doc -> new OpenApiMerger.Source(s.getKey(), doc))
                        .onErrorResume(e -> {
                            log.warn("no OpenAPI document from {} ({}): left out for now", s.getKey(), e.toString());
                            unavailable.add(s.getKey());
                            return Mono.empty();
                        }))
                .collectList()
                .map(sources -> {
                    if (!unavailable.isEmpty()) {
                        mergedAt = 0; // build again at the next request
                    }
                    return mapper.writeValueAsString(merger.merge(new ArrayList<>(sources), unavailable, version()));
                });
    }

    private Mono<JsonNode> fetch(String service, URI uri) {
        return http.get().uri(uri).retrieve().bodyToMono(String.class).timeout(FETCH_TIMEOUT)
                .map(mapper::readTree);
    }

    private static String serviceName(Route route) {
        String id = route.getId();
        int dash = id.indexOf("-service");
        return dash > 0 ? id.substring(0, dash) + "-service" : id;
    }

    private String version() {
        String v = ApiDocsController.class.getPackage().getImplementationVersion();
        return v == null ? "1" : v;
    }

    private static byte[] resource(String path) {
        try (InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path + " (shared-events)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
