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
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.PresenceData;
import dev.parley.events.data.TypingData;
import dev.parley.events.data.UserSummary;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.history.Resume;
import dev.parley.gateway.history.StreamCursor;
import dev.parley.gateway.publish.GatewayEvents;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.security.RevokedSessions;
import dev.parley.gateway.membership.MembershipView;
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

    /** The user holds {@code max-sockets-per-user} sockets on this instance already. */
    static final class TooManySockets extends RuntimeException {
        TooManySockets() {
            super("too many sockets", null, false, false);
        }
    }
    static final CloseStatus AUTH_TIMEOUT = CloseStatus.POLICY_VIOLATION.withReason("Authentication timeout");
    static final CloseStatus RATE_LIMITED = CloseStatus.POLICY_VIOLATION.withReason("Rate limit exceeded");
    static final CloseStatus IDLE = CloseStatus.NORMAL.withReason("Idle timeout");
    private static final Object AUTH_DEADLINE = new Object();
    private static final Object IDLE_CHECK = new Object();
    private static final java.time.Duration MEMBERSHIP_POLL = java.time.Duration.ofMillis(5);
    private static final java.time.Duration DRAIN_POLL = java.time.Duration.ofMillis(5);
    private static final java.time.Duration DRAIN_STALL = java.time.Duration.ofSeconds(10);
    private static final java.time.Duration MEMBERSHIP_WAIT = java.time.Duration.ofSeconds(1);
    private static final java.util.Set<String> KNOWN_TYPES = java.util.Set.of("auth", "ping", "join_room", "leave_room",
            "typing_start", "typing_stop", "resume");

    private final ReactiveJwtDecoder jwtDecoder;
    private final ConnectionRegistry registry;
    private final MembershipView membership;
    private final GatewayProperties props;
    private final JsonMapper mapper;
    private final Frames frames;
    private final GatewayEvents events;
    private final Clock clock;
    private final GatewayShutdown shutdown;
    private final Resume resume;

    public ChatWebSocketHandler(ReactiveJwtDecoder jwtDecoder, ConnectionRegistry registry, MembershipView membership,
            GatewayProperties props, JsonMapper mapper, Clock clock, GatewayEvents events, GatewayShutdown shutdown,
            Resume resume) {
        this.shutdown = shutdown;
        this.resume = resume;
        this.jwtDecoder = jwtDecoder;
        this.registry = registry;
        this.membership = membership;
        this.props = props;
        this.mapper = mapper;
        this.frames = new Frames(mapper, clock);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        if (shutdown.isShuttingDown()) {
            return session.close(GatewayShutdown.GOING_AWAY);
        }
        Connection conn = new Connection(session, (io.netty.channel.Channel) session.getAttributes()
                .remove(LeanHandshake.CHANNEL), props.outboundBuffer(), props.framesPerSecond());
        // ?token= of the handshake, taken out of its URI (LeanHandshake)
        String queryToken = (String) session.getAttributes().remove(LeanHandshake.QUERY_TOKEN);

        if (queryToken != null && !queryToken.isBlank()) {
            // authenticated at the handshake, the socket could get events before its auth frame (which may carry
            // resume): they wait until that first frame is handled, at most a moment (ADR 0009)
            hold(conn);
        }
        Mono<Void> preAuth = queryToken == null || queryToken.isBlank() ? Mono.empty()
                : authenticate(conn, queryToken).onErrorResume(e -> e instanceof TooManySockets
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
                            return onFrame(conn, (String) event).doFinally(s -> endHold(conn, hold));
                        }))
                .then()
                .doFinally(s -> conn.complete());
        // frames are written to the channel directly (ADR 0014); when its queue empties, frames that waited for
        // room (ADR 0009) go at once rather than at the next poll
        conn.whenEmptied(() -> {
            if (conn.cursor().anyWaiting()) {
                Schedulers.parallel().schedule(() -> drainOnce(conn));
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
        Map<UUID, Disposable> typing = conn.typingIfAny();
        typing.forEach((room, timer) -> {
            timer.dispose();
            publishTyping(conn, room, false).subscribe(x -> { }, e -> { });
        });
        if (!typing.isEmpty()) {
            typing.clear();
        }
        if (registry.unregister(conn)) {
            presence(conn.userId(), false);
        }
    }

    private void presence(UUID user, boolean online) {
        events.publish(online ? EventTypes.USER_ONLINE : EventTypes.USER_OFFLINE, user, null, user,
                new PresenceData(user, Times.now(clock), props.instanceId())).subscribe(x -> { }, e -> { });
    }

    private Mono<UUID> authenticate(Connection conn, String token) {
        return jwtDecoder.decode(token).map(jwt -> {
            UUID user = UUID.fromString(jwt.getSubject());
            String session = jwt.getClaimAsString(RevokedSessions.CLAIM_SESSION);
            if (conn.isAuthenticated() && conn.userId().equals(user)) {
                // a fresh token of the same user renews the socket's lifetime (SessionLifetimes)
                conn.authenticate(user, jwt.getClaimAsString(CurrentUser.CLAIM_USERNAME),
                        jwt.getClaimAsString(CurrentUser.CLAIM_DISPLAY_NAME), token, session, jwt.getExpiresAt());
                return user;
            }
            if (registry.connectionsOf(user) >= props.maxSocketsPerUser()) {
                throw new TooManySockets();
            }
            if (conn.isAuthenticated() && registry.unregister(conn)) {
                presence(conn.userId(), false);
            }
            conn.authenticate(user, jwt.getClaimAsString(CurrentUser.CLAIM_USERNAME),
                    jwt.getClaimAsString(CurrentUser.CLAIM_DISPLAY_NAME), token, session, jwt.getExpiresAt());
            if (registry.register(conn)) {
                presence(user, true);
            }
            return user;
        });
    }

    Mono<Void> onFrame(Connection conn, String text) {
        JsonNode frame;
        try {
            frame = mapper.readTree(text);
        } catch (JacksonException e) {
            frameIn("invalid");
            return reply(conn, frames.error(ErrorCodes.VALIDATION_ERROR, "Frame is not valid JSON", Map.of()));
        }
        if (frame == null || !frame.isObject() || !frame.hasNonNull("type") || !frame.get("type").isString()) {
            return reply(conn, frames.error(ErrorCodes.VALIDATION_ERROR, "Frame must be a JSON object with a type",
                    Map.of("field", "type")));
        }
        String type = frame.get("type").asString();
        frameIn(KNOWN_TYPES.contains(type) ? type : "unknown");
        return switch (type) {
            case "auth" -> onAuth(conn, frame);
            case "ping" -> reply(conn, frames.pong());
            case "join_room", "leave_room" -> conn.isAuthenticated() ? onRoom(conn, type, frame)
                    : unauthenticated(conn, type);
            case "typing_start", "typing_stop" -> conn.isAuthenticated() ? onTyping(conn, type, frame)
                    : unauthenticated(conn, type);
            case "resume" -> conn.isAuthenticated() ? onResume(conn, frame.get("rooms"), false)
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
            hold(conn);
        }
        return authenticate(conn, frame.get("token").asString())
                .flatMap(user -> reply(conn, frames.authResponse(true, "Authentication successful", user))
                        .then(parsed == null ? Mono.empty() : onResume(conn, resumeRooms, true)))
                .onErrorResume(TooManySockets.class, e -> reply(conn, frames.authResponse(false,
                        "Too many open connections for this user", null)).then(conn.session().close(TOO_MANY_SOCKETS)))
                .onErrorResume(e -> {
                    log.debug("socket {} failed to authenticate: {}", conn.id(), e.toString());
                    return reply(conn, frames.authResponse(false, "Invalid or expired token", null))
                            .then(conn.session().close(AUTH_FAILED));
                });
    }

    /** Holds the socket's events until its next frame has been handled, or {@code firstFrameWait} has passed. */
    private void hold(Connection conn) {
        long hold = conn.cursor().beginHold();
        Mono.delay(props.firstFrameWait()).subscribe(t -> endHold(conn, hold));
    }

    /** Ends a hold (unless a later one began): what waited follows, as fast as the socket takes it. */
    private void endHold(Connection conn, long hold) {
        if (hold != 0) {
            conn.cursor().endHold(hold);
            drain(conn, System.nanoTime(), conn.cursor().waiting());
        }
    }

    /**
     * Writes the frames that waited, in arrival order, polling while the socket's queue is full; a client that
     * takes none of them for {@code DRAIN_STALL} is closed as too slow, as one whose live queue overflows is.
     */
    private void drain(Connection conn, long since, int waiting) {
        if (!conn.session().isOpen()) {
            return;
        }
        StreamCursor.Drain result = conn.cursor().drain(conn::offer);
        if (result == StreamCursor.Drain.OVERFLOW) {
            tooSlow(conn);
        } else if (result == StreamCursor.Drain.BLOCKED) {
            int now = conn.cursor().waiting();
            long stalledSince = now < waiting ? System.nanoTime() : since;
            if (System.nanoTime() - stalledSince > DRAIN_STALL.toNanos()) {
                tooSlow(conn);
            } else {
                Mono.delay(DRAIN_POLL).subscribe(t -> drain(conn, stalledSince, now));
            }
        }
    }

    private void drainOnce(Connection conn) {
        if (conn.session().isOpen() && conn.cursor().drain(conn::offer) == StreamCursor.Drain.OVERFLOW) {
            tooSlow(conn);
        }
    }

    private void tooSlow(Connection conn) {
        registry.closeTooSlow(conn);
    }

    /**
     * {@code resume}: replays what the client missed in each room, then {@code resume_complete} (the history
     * feature). A public room the user is not a member of is followed, as {@code join_room} would.
     */
    private Mono<Void> onResume(Connection conn, JsonNode rooms, boolean prepared) {
        Resume.Parsed parsed = Resume.parse(rooms, resume.maxRooms());
        if (parsed.error() != null) {
            return reply(conn, frames.error(ErrorCodes.VALIDATION_ERROR, parsed.error(),
                    Map.of("action", "resume", "field", "rooms")));
        }
        if (!prepared) {
            resume.prepare(conn, parsed.rooms());
            // the resumed rooms' live frames now wait for their replay: the other rooms' need not
            endHold(conn, conn.cursor().currentHold());
        }
        UUID user = conn.userId();
        for (UUID room : parsed.rooms().keySet()) {
            if (!membership.isMember(room, user) && membership.isPublic(room)) {
                conn.joinRoom(room, false);
                registry.watch(room, conn);
            }
        }
        return resume.run(conn, parsed.rooms(), room -> membership.isMember(room, user) || membership.isPublic(room))
                .onErrorResume(e -> {
                    log.info("socket {} of user {} took no replayed frame for too long: closing", conn.id(), user);
                    return conn.session().close(ConnectionRegistry.TOO_SLOW);
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
        return memberSoon(roomId, conn.userId()).flatMap(member -> {
            if (!member && !membership.isPublic(roomId)) {
                return reply(conn, frames.error(ErrorCodes.FORBIDDEN, "You are not a member of this room", details));
            }
            conn.joinRoom(roomId, member);
            if (!member) {
                registry.watch(roomId, conn);
            }
            return Mono.<Void>empty();
        });
    }

    /**
     * Whether the user is a member, allowing the view a moment to apply a membership that room-service has
     * already answered (it answers once the event is in Kafka, ADR 0008): a frame right after a join or a
     * room's creation is not refused for the view's few milliseconds of lag.
     */
    private Mono<Boolean> memberSoon(UUID roomId, UUID userId) {
        if (membership.isMember(roomId, userId)) {
            return Mono.just(true);
        }
        return Flux.interval(MEMBERSHIP_POLL).onBackpressureDrop()
                .filter(t -> membership.isMember(roomId, userId))
                .next().map(t -> true)
                .timeout(MEMBERSHIP_WAIT, Mono.just(false));
    }

    /** Typing over the socket: published exactly as typing over REST is, for the room's other members. */
    private Mono<Void> onTyping(Connection conn, String action, JsonNode frame) {
        UUID roomId = uuid(frame, "room_id");
        if (roomId == null) {
            return reply(conn, frames.error(ErrorCodes.VALIDATION_ERROR, "room_id must be a UUID",
                    Map.of("action", action, "field", "room_id")));
        }
        return memberSoon(roomId, conn.userId()).flatMap(member -> member ? typing(conn, action, roomId)
                : reply(conn, frames.error(ErrorCodes.FORBIDDEN, "You are not a member of this room",
                        Map.of("action", action, "room_id", roomId.toString()))));
    }

    private Mono<Void> typing(Connection conn, String action, UUID roomId) {
        boolean start = "typing_start".equals(action);
        Disposable previous = conn.typing().remove(roomId);
        if (previous != null) {
            previous.dispose();
        }
        if (start) {
            conn.typing().put(roomId, Mono.delay(props.typingTimeout())
                    .flatMap(t -> {
                        conn.typing().remove(roomId);
                        return publishTyping(conn, roomId, false);
                    })
                    .subscribe(x -> { }, e -> { }));
        }
        return publishTyping(conn, roomId, start)
                .onErrorResume(e -> reply(conn, frames.error(ErrorCodes.SERVICE_UNAVAILABLE,
                        "Typing could not be sent", Map.of("action", action))).then(Mono.empty()))
                .then();
    }

    private Mono<EventEnvelope> publishTyping(Connection conn, UUID roomId, boolean start) {
        UserSummary user = new UserSummary(conn.userId(), conn.username(), conn.displayName(), null);
        TypingData data = new TypingData(roomId, user, start ? Times.now(clock).plus(props.typingTimeout()) : null);
        return events.publish(start ? EventTypes.USER_TYPING_START : EventTypes.USER_TYPING_STOP, conn.userId(),
                roomId, conn.userId(), data);
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
