package dev.parley.gateway.ws;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.data.SystemNoticeData;
import dev.parley.gateway.BearerAuthentication;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.publish.GatewayEvents;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ApiResponse;

/**
 * {@code POST /api/v1/admin/broadcast}: a system notice to every connected client, for the users listed in
 * {@code parley.gateway.admin-user-ids} only.
 */
@RestController
class BroadcastController {

    static final Map<String, String> KINDS = Map.of("system", EventTypes.SYSTEM_BROADCAST,
            "maintenance", EventTypes.SYSTEM_MAINTENANCE, "shutdown", EventTypes.SYSTEM_SHUTDOWN);
    static final Set<String> PRIORITIES = Set.of("low", "normal", "high");

    private final ReactiveJwtDecoder jwt;
    private final GatewayEvents events;
    private final GatewayProperties props;

    public BroadcastController(ReactiveJwtDecoder jwt, GatewayEvents events, GatewayProperties props) {
        this.jwt = jwt;
        this.events = events;
        this.props = props;
    }

    public record BroadcastRequest(String notificationType, String title, String message, String priority,
            Map<String, Object> data) {
    }

    @PostMapping("/api/v1/admin/broadcast")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<ApiResponse<Map<String, Object>>> broadcast(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody BroadcastRequest body) {
        return BearerAuthentication.decode(jwt, authorization)
                .flatMap(j -> {
                    UUID admin = UUID.fromString(j.getSubject());
                    if (!props.adminUserIds().contains(admin.toString())) {
                        return Mono.error(ApiException.forbidden("Only administrators can broadcast"));
                    }
                    String kind = body.notificationType() == null ? "system" : body.notificationType();
                    if (!KINDS.containsKey(kind)) {
                        return Mono.error(ApiException.validation("notification_type",
                                "Must be one of system, maintenance, shutdown"));
                    }
                    if (body.message() == null || body.message().isBlank() || body.message().length() > 1000) {
                        return Mono.error(ApiException.validation("message", "Message must be 1 to 1000 characters"));
                    }
                    if (body.priority() != null && !PRIORITIES.contains(body.priority())) {
                        return Mono.error(ApiException.validation("priority", "Must be one of low, normal, high"));
                    }
                    SystemNoticeData data = new SystemNoticeData(body.title(), body.message(), body.priority(),
                            body.data() == null ? Map.of() : body.data());
                    return events.publish(KINDS.get(kind), admin, null, null, data)
                            .map(e -> ApiResponse.ok("Broadcast published", Map.<String, Object>of("event_id",
                                    e.eventId().toString())));
                });
    }
}
