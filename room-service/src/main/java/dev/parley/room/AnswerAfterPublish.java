package dev.parley.room;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.parley.platform.outbox.Outbox;

/**
 * room-service answers a successful write only once the events it committed are in Kafka (ADR 0008). Whoever
 * gets the answer (the creator of a room, a new member, the owner who removed someone) may then act at once on
 * another service, which waits for its projection of {@code event.room} to reach the log's end before it
 * authorises: membership is read-your-writes across services, and a removal holds from its answer on.
 * Bounded by {@code parley.rooms.publish-wait} (0 turns it off); past it the answer goes out anyway, counted in
 * {@code parley.rooms.publish.wait.exceeded}.
 */
@Component
class AnswerAfterPublish implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(AnswerAfterPublish.class);

    private final Outbox outbox;
    private final Duration max;
    private final Counter exceeded;

    AnswerAfterPublish(Outbox outbox, @Value("${parley.rooms.publish-wait:5s}") Duration max, MeterRegistry meters) {
        this.outbox = outbox;
        this.max = max;
        this.exceeded = Counter.builder("parley.rooms.publish.wait.exceeded")
                .description("write answers sent before their events were published").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean write = !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                || HttpMethod.OPTIONS.equals(method));
        if (write && !max.isZero() && exchange.getRequest().getPath().value().startsWith("/api/v1/")) {
            exchange.getResponse().beforeCommit(() -> {
                var status = exchange.getResponse().getStatusCode();
                if (status != null && !status.is2xxSuccessful()) {
                    return Mono.empty();
                }
                return outbox.awaitPublished(max).doOnNext(published -> {
                    if (!published) {
                        exceeded.increment();
                        log.warn("{} {} answered before its events were published (waited {})", method,
                                exchange.getRequest().getPath(), max);
                    }
                }).then();
            });
        }
        return chain.filter(exchange);
    }
}
