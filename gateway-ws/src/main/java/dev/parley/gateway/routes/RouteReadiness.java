package dev.parley.gateway.routes;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's readiness waits, once, for the services its routes lead to: at start it asks each route's
 * service for its readiness ({@code /readyz}, on its public port) every second until every one has said UP, and
 * only then reports UP (health component {@code routes}, in the readiness group). After that it stays UP: a
 * service that goes down later makes its own routes answer {@code 503} with {@code Retry-After}, while the gateway
 * keeps serving the others and every open socket. Taking every gateway out of the load balancer because one
 * service is down would turn a partial outage into a total one.
 */
@Component("routes")
class RouteReadiness implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteReadiness.class);

    private final RouteLocator routes;
    private final WebClient http;
    private final String readinessPath;
    private final Duration interval;
    private final Map<URI, Boolean> services = new ConcurrentHashMap<>();
    private volatile boolean ready;
    private volatile Disposable probing;

    RouteReadiness(RouteLocator routes,
            @Value("${parley.gateway.route-readiness-path:/readyz}") String readinessPath,
            @Value("${parley.gateway.route-readiness-interval:1s}") Duration interval) {
        this.routes = routes;
        this.http = WebClient.create();
        this.readinessPath = readinessPath;
        this.interval = interval;
    }

    @Override
    public Health health() {
        if (ready) {
            return Health.up().build();
        }
        return Health.down().withDetail("waiting_for", services.entrySet().stream().filter(e -> !e.getValue())
                .map(e -> e.getKey().toString()).sorted().toList()).build();
    }

    @Override
    public void start() {
        probing = routes.getRoutes().map(Route::getUri)
                .filter(uri -> "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                .map(uri -> URI.create(uri.getScheme() + "://" + uri.getAuthority()))
                .distinct()
                .doOnNext(uri -> services.put(uri, false))
                .then(Mono.defer(this::probeUntilAllAnswered))
                .subscribe(x -> { }, e -> log.warn("route readiness probe failed: {}", e.toString()));
    }

    private Mono<Void> probeUntilAllAnswered() {
        return Flux.interval(Duration.ZERO, interval).onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(services.keySet()).filter(uri -> !services.get(uri))
                        .flatMap(this::probe).then(Mono.fromSupplier(() -> !services.containsValue(false))))
                .filter(all -> all)
                .next()
                .doOnNext(all -> {
                    ready = true;
                    log.info("every routed service answered ready: {}", services.keySet());
                })
                .then();
    }

    private Mono<Void> probe(URI service) {
        return http.get().uri(service.resolve(readinessPath)).retrieve().toBodilessEntity()
                .timeout(Duration.ofSeconds(2))
                .doOnNext(r -> services.put(service, true))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    /** The services the routes lead to, for tests and logs. */
    Set<URI> services() {
        return Set.copyOf(services.keySet());
    }

    @Override
    public void stop() {
        Disposable d = probing;
        if (d != null) {
            d.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return probing != null && !probing.isDisposed();
    }
}
