package dev.parley.gateway.ws;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.platform.web.ErrorCodes;

/**
 * The guide's WebSocket protocol at {@code /ws}. A socket authenticates with {@code ?token=} and/or its
 * {@code auth} frame; then it receives its rooms' events. Bad frames get an {@code error} frame and the socket
 * stays open; failed authentication and silence past the auth timeout close it (1008).
 */
@Component
public class ChatWebSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    static final CloseStatus AUTH_FAILED = CloseStatus.POLICY_VIOLATION.withReason("Authentication failed");
    static final CloseStatus AUTH_TIMEOUT = CloseStatus.POLICY_VIOLATION.withReason("Authentication timeout");
    private static final Object AUTH_DEADLINE = new Object();

    private final ReactiveJwtDecoder jwtDecoder;
    private final ConnectionRegistry registry;
    private final MembershipView membership;
    private final GatewayProperties props;
    private final JsonMapper mapper;
    private final Frames frames;

    public ChatWebSocketHandler(ReactiveJwtDecoder jwtDecoder, ConnectionRegistry registry, MembershipView membership,
            GatewayProperties props, JsonMapper mapper, Clock clock) {
        this.jwtDecoder = jwtDecoder;
        this.registry = registry;
        this.membership = membership;
        this.props = props;
        this.mapper = mapper;
        this.frames = new Frames(mapper, clock);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        Connection conn = new Connection(session, props.outboundBuffer());
        String queryToken = UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri()).build()
                .getQueryParams().getFirst("token");

        Mono<Void> preAuth = queryToken == null || queryToken.isBlank() ? Mono.empty()
                : authenticate(conn, queryToken).onErrorResume(e -> Mono.empty()).then();
        // the auth deadline is one more input event, so that closing happens in the same chain as a failed auth
        Flux<Object> events = Flux.merge(
                session.receive().map(WebSocketMessage::getPayloadAsText),
                Mono.delay(props.authTimeout()).thenReturn(AUTH_DEADLINE));

        Mono<Void> input = preAuth.thenMany(events.concatMap(event -> event == AUTH_DEADLINE
                        ? (conn.isAuthenticated() ? Mono.<Void>empty() : session.close(AUTH_TIMEOUT))
                        : onFrame(conn, (String) event)))
                .then()
                .doFinally(s -> conn.complete());
        Mono<Void> output = session.send(conn.frames().map(session::textMessage));

        return Mono.when(input, output).doFinally(s -> registry.unregister(conn));
    }

    private Mono<UUID> authenticate(Connection conn, String token) {
        return jwtDecoder.decode(token).map(jwt -> {
            UUID user = UUID.fromString(jwt.getSubject());
            if (conn.isAuthenticated() && !conn.userId().equals(user)) {
                registry.unregister(conn);
            }
            conn.authenticate(user);
            registry.register(conn);
            return user;
        });
    }

    Mono<Void> onFrame(Connection conn, String text) {
        JsonNode frame;
        try {
            frame = mapper.readTree(text);
        } catch (JacksonException e) {
            return reply(conn, frames.error(ErrorCodes.VALIDATION_ERROR, "Frame is not valid JSON", Map.of()));
        }
        if (frame == null || !frame.isObject() || !frame.hasNonNull("type") || !frame.get("type").isString()) {
            return reply(conn, frames.error(ErrorCodes.VALIDATION_ERROR, "Frame must be a JSON object with a type",
                    Map.of("field", "type")));
        }
        String type = frame.get("type").asString();
        return switch (type) {
            case "auth" -> onAuth(conn, frame);
            case "ping" -> reply(conn, frames.pong());
            case "join_room", "leave_room" -> conn.isAuthenticated() ? onRoom(conn, type, frame)
                    : unauthenticated(conn, type);
            default -> reply(conn, frames.error(ErrorCodes.VALIDATION_ERROR, "Unknown message type",
                    Map.of("action", type, "field", "type")));
        };
    }

    private Mono<Void> onAuth(Connection conn, JsonNode frame) {
        if (!frame.hasNonNull("token") || !frame.get("token").isString()) {
            return reply(conn, frames.authResponse(false, "A token is required", null))
                    .then(conn.session().close(AUTH_FAILED));
        }
        return authenticate(conn, frame.get("token").asString())
                .flatMap(user -> reply(conn, frames.authResponse(true, "Authentication successful", user)))
                .onErrorResume(e -> {
                    log.debug("socket {} failed to authenticate: {}", conn.id(), e.toString());
                    return reply(conn, frames.authResponse(false, "Invalid or expired token", null))
                            .then(conn.session().close(AUTH_FAILED));
                });
    }

    private Mono<Void> onRoom(Connection conn, String action, JsonNode frame) {
        UUID roomId = uuid(frame, "room_id");
        if (roomId == null) {
            return reply(conn, frames.error(ErrorCodes.VALIDATION_ERROR, "room_id must be a UUID",
                    Map.of("action", action, "field", "room_id")));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("action", action);
        details.put("room_id", roomId.toString());
        if ("leave_room".equals(action)) {
            conn.leaveRoom(roomId);
            registry.unwatch(roomId, conn);
            return Mono.empty();
        }
        boolean member = membership.isMember(roomId, conn.userId());
        if (!member && !membership.isPublic(roomId)) {
            return reply(conn, frames.error(ErrorCodes.FORBIDDEN, "You are not a member of this room", details));
        }
        conn.joinRoom(roomId, member);
        if (!member) {
            registry.watch(roomId, conn);
        }
        return Mono.empty();
    }

    private Mono<Void> unauthenticated(Connection conn, String action) {
        return reply(conn, frames.error(ErrorCodes.UNAUTHORIZED, "Authentication required",
                Map.of("action", action)));
    }

    private static UUID uuid(JsonNode frame, String field) {
        if (!frame.hasNonNull(field) || !frame.get(field).isString()) {
            return null;
        }
        try {
            return UUID.fromString(frame.get(field).asString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Mono<Void> reply(Connection conn, String frame) {
        if (!conn.offer(frame)) {
            return conn.session().close(ConnectionRegistry.TOO_SLOW);
        }
        return Mono.empty();
    }
}
