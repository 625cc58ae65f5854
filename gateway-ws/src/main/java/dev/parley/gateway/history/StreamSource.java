package dev.parley.gateway.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;

/**
 * message-service's copy of a room's stream ({@code GET /api/v1/rooms/{id}/events}), the source of truth for
 * ranges this instance's window does not hold: after a crash, or for a client that was on another instance.
 * The call carries the client's own access token, so message-service authorises it as it would the client.
 */
@Component
class StreamSource {

    /** Events of a room after a seq, and the bounds of what message-service still retains. */
    record Slice(List<EventEnvelope> events, Long oldestSeq, long latestSeq) {
    }

    /** The user may not read the room (any more). */
    static final class NotAllowed extends RuntimeException {
        NotAllowed() {
            super(null, null, false, false);
        }
    }

    private final WebClient http;
    private final JsonMapper mapper;
    private final Duration timeout;

    StreamSource(@Value("${MESSAGE_SERVICE_URL:http://localhost:8083}") String messageService, JsonMapper mapper,
            @Value("${parley.gateway.history.source-timeout:5s}") Duration timeout) {
        this.http = WebClient.builder().baseUrl(messageService)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
        this.mapper = mapper;
        this.timeout = timeout;
    }

    Mono<Slice> after(String accessToken, UUID room, long afterSeq, int limit) {
        return http.get().uri("/api/v1/rooms/{id}/events?after_seq={after}&limit={limit}", room, afterSeq, limit)
                .headers(h -> h.setBearerAuth(accessToken))
                .retrieve().bodyToMono(String.class)
                .timeout(timeout)
                .map(this::slice)
                .onErrorMap(WebClientResponseException.class, e -> e.getStatusCode().value() == HttpStatus.FORBIDDEN
                        .value() || e.getStatusCode().value() == HttpStatus.NOT_FOUND.value() ? new NotAllowed() : e);
    }

    private Slice slice(String body) {
        JsonNode data = mapper.readTree(body).path("data");
        List<EventEnvelope> events = new ArrayList<>();
        for (JsonNode e : data.path("events")) {
            events.add(mapper.treeToValue(e, EventEnvelope.class));
        }
        Long oldest = data.hasNonNull("oldest_seq") ? data.get("oldest_seq").asLong() : null;
        return new Slice(events, oldest, data.path("latest_seq").asLong());
    }
}
