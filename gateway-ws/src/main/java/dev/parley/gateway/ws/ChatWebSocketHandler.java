package dev.parley.gateway.ws;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.history.Resume;
import dev.parley.platform.web.ErrorCodes;

/**
 * The guide's WebSocket protocol at {@code /ws}. A socket authenticates with {@code ?token=} and/or its
 * {@code auth} frame; then it receives its rooms' events. Bad frames get an {@code error} frame and the socket
 * stays open; failed authentication and silence past the auth timeout close it (1008).
 */
@Component
class ChatWebSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    static final CloseStatus AUTH_FAILED = CloseStatus.POLICY_VIOLATION.withReason("Authentication failed");
    static final CloseStatus TOO_MANY_SOCKETS = CloseStatus.POLICY_VIOLATION.withReason("Too many connections");
    static final CloseStatus AUTH_TIMEOUT = CloseStatus.POLICY_VIOLATION.withReason("Authentication timeout");
    static final CloseStatus RATE_LIMITED = CloseStatus.POLICY_VIOLATION.withReason("Rate limit exceeded");
    static final CloseStatus IDLE = CloseStatus.NORMAL.withReason("Idle timeout");
    private static final Object AUTH_DEADLINE = new Object();
    private static final Object IDLE_CHECK = new Object();
    private static final Set<String> KNOWN_TYPES = Set.of("auth", "ping", "join_room", "leave_room",
            "typing_start", "typing_stop", "resume");

    private final ConnectionRegistry registry;
    private final GatewayProperties props;
    private final JsonMapper mapper;
    private final Frames frames;
    private final GatewayShutdown shutdown;
    private final Resume resume;
    private final SocketAuthentication auth;
    private final SocketRooms rooms;
    private final SocketTyping typing;
    private final HeldFrames holds;

    ChatWebSocketHandler(ConnectionRegistry registry, GatewayProperties props, JsonMapper mapper, Clock clock,
            GatewayShutdown shutdown, Resume resume, SocketAuthentication auth, SocketRooms rooms,
            SocketTyping typing, HeldFrames holds) {
        this.registry = registry;
        this.props = props;
        this.mapper = mapper;
        this.frames = new Frames(mapper, clock);
        this.shutdown = shutdown;
        this.resume = resume;
        this.auth = auth;
        this.rooms = rooms;
        this.typing = typing;
        this.holds = holds;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        if (shutdown.isShuttingDown()) {
            return session.close(GatewayShutdown.GOING_AWAY);
        }
        Connection conn = new Connection(session, (Channel) session.getAttributes()
                .remove(LeanHandshake.CHANNEL), props.outboundBuffer(), props.framesPerSecond());
        // ?token= of the handshake, taken out of its URI (LeanHandshake)
        String queryToken = (String) session.getAttributes().remove(LeanHandshake.QUERY_TOKEN);

        if (queryToken != null && !queryToken.isBlank()) {
            // authenticated at the handshake, the socket could get events before its auth frame (which may carry
            // resume): they wait until that first frame is handled, at most a moment (ADR 0009)
            holds.hold(conn);
        }
        Mono<Void> preAuth = queryToken == null || queryToken.isBlank() ? Mono.empty()
                : auth.authenticate(conn, queryToken).onErrorResume(e -> e instanceof SocketAuthentication.TooManySockets
                        ? conn.session().close(TOO_MANY_SOCKETS).then(Mono.empty()) : Mono.empty()).then();
        // the auth deadline and the idle checks are input events too, so that every close the server decides
        // happens in the same chain, while the socket is still read (a close outside it can lose its status)
        long idleNanos = props.idleTimeout().toNanos();
        Flux<Object> events = Flux.merge(
                session.receive().map(WebSocketMessage::getPayloadAsText),
                // cut at the close, as the idle checks are: else a closed socket's input ends only at the deadline,
                // and the user holds the socket (against WS_MAX_SOCKETS_PER_USER) for that long
                Mono.delay(props.authTimeout()).thenReturn(AUTH_DEADLINE).takeUntilOther(session.closeStatus()),
                Flux.interval(props.idleTimeout().dividedBy(4)).map(t -> IDLE_CHECK)
                        .takeUntilOther(session.closeStatus()));

        Mono<Void> input = preAuth.thenMany(events
                        .concatMap(event -> {
                            if (event == AUTH_DEADLINE) {
                                return conn.isAuthenticated() ? Mono.<Void>empty() : session.close(AUTH_TIMEOUT);
                            }
                            if (event == IDLE_CHECK) {
                                return conn.silentFor() > idleNanos ? session.close(IDLE) : Mono.<Void>empty();
                            }
                            conn.heard();
                            if (!conn.allowFrame()) {
                                return session.close(RATE_LIMITED);
                            }
                            long hold = conn.cursor().currentHold();
                            return onFrame(conn, (String) event).doFinally(s -> holds.endHold(conn, hold));
                        }))
                .then()
                .doFinally(s -> conn.complete());
        // frames are written to the channel directly (ADR 0014); when its queue empties, frames that waited for
        // room (ADR 0009) go at once rather than at the next poll
        conn.whenEmptied(() -> {
            if (conn.cursor().anyWaiting()) {
                Schedulers.parallel().schedule(() -> holds.drainOnce(conn));
            }
        });
        Mono<Void> output = conn.written()
                .then(Mono.defer(() -> conn.closeWhenDrained() == null ? Mono.empty()
                        : session.close(conn.closeWhenDrained())));

        return Mono.when(input, output).doFinally(s -> closed(conn));
    }

    private void frameIn(String type) {
        registry.meters().counter("parley.ws.frames.in", "type", type).increment();
    }

    private void closed(Connection conn) {
        typing.closed(conn);
        auth.closed(conn);
    }

    Mono<Void> onFrame(Connection conn, String text) {
        JsonNode frame;
        try {
            frame = mapper.readTree(text);
        } catch (JacksonException e) {
            frameIn("invalid");
            return conn.reply(frames.error(ErrorCodes.VALIDATION_ERROR, "Frame is not valid JSON", Map.of()));
        }
        if (frame == null || !frame.isObject() || !frame.hasNonNull("type") || !frame.get("type").isString()) {
            return conn.reply(frames.error(ErrorCodes.VALIDATION_ERROR, "Frame must be a JSON object with a type",
                    Map.of("field", "type")));
        }
        String type = frame.get("type").asString();
        frameIn(KNOWN_TYPES.contains(type) ? type : "unknown");
        return switch (type) {
            case "auth" -> onAuth(conn, frame);
            case "ping" -> conn.reply(frames.pong());
            case "join_room", "leave_room" -> conn.isAuthenticated() ? rooms.onRoom(conn, type, frame)
                    : conn.reply(frames.unauthenticated(type));
            case "typing_start", "typing_stop" -> conn.isAuthenticated() ? typing.onTyping(conn, type, frame)
                    : conn.reply(frames.unauthenticated(type));
            case "resume" -> conn.isAuthenticated() ? rooms.onResume(conn, frame.get("rooms"), false)
                    : conn.reply(frames.unauthenticated(type));
            default -> conn.reply(frames.error(ErrorCodes.VALIDATION_ERROR, "Unknown message type",
                    Map.of("action", type, "field", "type")));
        };
    }

    private Mono<Void> onAuth(Connection conn, JsonNode frame) {
        if (!frame.hasNonNull("token") || !frame.get("token").isString()) {
            return conn.reply(frames.authResponse(false, "A token is required", null))
                    .then(conn.session().close(AUTH_FAILED));
        }
        // a resume inside auth holds the rooms' live frames before the socket can get any: strictly in seq order
        JsonNode resumeField = frame.get("resume");
        JsonNode resumeRooms = resumeField != null && resumeField.has("rooms") ? resumeField.get("rooms") : resumeField;
        Resume.Parsed parsed = resumeField == null ? null : Resume.parse(resumeRooms, resume.maxRooms());
        if (parsed != null && parsed.error() == null) {
            resume.prepare(conn, parsed.rooms());
        }
        if (parsed == null && conn.firstAuthFrame()) {
            // the client may send resume once it has auth_response: until its next frame (at most a moment) the
            // events that arrive wait, so that a resumed room's replay still comes before them (ADR 0009)
            holds.hold(conn);
        }
        return auth.authenticate(conn, frame.get("token").asString())
                .flatMap(user -> conn.reply(frames.authResponse(true, "Authentication successful", user))
                        .then(parsed == null ? Mono.empty() : rooms.onResume(conn, resumeRooms, true)))
                .onErrorResume(SocketAuthentication.TooManySockets.class, e -> conn.reply(frames.authResponse(false,
                        "Too many open connections for this user", null)).then(conn.session().close(TOO_MANY_SOCKETS)))
                .onErrorResume(e -> {
                    log.debug("socket {} failed to authenticate: {}", conn.id(), e.toString());
                    return conn.reply(frames.authResponse(false, "Invalid or expired token", null))
                            .then(conn.session().close(AUTH_FAILED));
                });
    }

}
