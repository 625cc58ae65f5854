package dev.parley.gateway.ws;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.TypingData;
import dev.parley.events.data.UserSummary;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.gateway.publish.GatewayEvents;
import dev.parley.platform.web.ErrorCodes;

/**
 * {@code typing_start} and {@code typing_stop} frames: published for the room's other members; a start stops by
 * itself after {@code typing-timeout}, and a socket that closes stops what it was typing.
 */
@Component
class SocketTyping {

    private final MembershipView membership;
    private final GatewayProperties props;
    private final GatewayEvents events;
    private final Frames frames;
    private final Clock clock;

    SocketTyping(MembershipView membership, GatewayProperties props, GatewayEvents events, JsonMapper mapper,
            Clock clock) {
        this.membership = membership;
        this.props = props;
        this.events = events;
        this.frames = new Frames(mapper, clock);
        this.clock = clock;
    }

    /** Typing over the socket: published exactly as typing over REST is, for the room's other members. */
    Mono<Void> onTyping(Connection conn, String action, JsonNode frame) {
        UUID roomId = Frames.uuid(frame, "room_id");
        if (roomId == null) {
            return conn.reply(frames.error(ErrorCodes.VALIDATION_ERROR, "room_id must be a UUID",
                    Map.of("action", action, "field", "room_id")));
        }
        return membership.isMemberSoon(roomId, conn.userId()).flatMap(member -> member ? typing(conn, action, roomId)
                : conn.reply(frames.error(ErrorCodes.FORBIDDEN, "You are not a member of this room",
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
                .onErrorResume(e -> conn.reply(frames.error(ErrorCodes.SERVICE_UNAVAILABLE,
                        "Typing could not be sent", Map.of("action", action))).then(Mono.empty()))
                .then();
    }

    private Mono<EventEnvelope> publishTyping(Connection conn, UUID roomId, boolean start) {
        UserSummary user = new UserSummary(conn.userId(), conn.username(), conn.displayName(), null);
        TypingData data = new TypingData(roomId, user, start ? Times.now(clock).plus(props.typingTimeout()) : null);
        return events.publish(start ? EventTypes.USER_TYPING_START : EventTypes.USER_TYPING_STOP, conn.userId(),
                roomId, conn.userId(), data);
    }

    /** A closed socket stops typing wherever it was. */
    void closed(Connection conn) {
        Map<UUID, Disposable> typing = conn.typingIfAny();
        typing.forEach((room, timer) -> {
            timer.dispose();
            publishTyping(conn, room, false).subscribe(x -> { }, e -> { });
        });
        if (!typing.isEmpty()) {
            typing.clear();
        }
    }
}
