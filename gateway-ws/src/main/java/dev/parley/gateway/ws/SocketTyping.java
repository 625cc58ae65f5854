package dev.parley.gateway.ws;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.data.UserSummary;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.gateway.typing.Typing;
import dev.parley.platform.web.ErrorCodes;

/**
 * {@code typing_start} and {@code typing_stop} frames, handed to the typing feature (which publishes them for the
 * room's other members and stops a start after {@code typing-timeout}); a socket that closes stops what it started.
 */
@Component
class SocketTyping {

    private final MembershipView membership;
    private final Typing typing;
    private final Frames frames;

    SocketTyping(MembershipView membership, Typing typing, JsonMapper mapper, Clock clock) {
        this.membership = membership;
        this.typing = typing;
        this.frames = new Frames(mapper, clock);
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
        if (start) {
            conn.typing().add(roomId);
        } else {
            conn.typing().remove(roomId);
        }
        return typing.change(user(conn), roomId, start)
                .onErrorResume(e -> conn.reply(frames.error(ErrorCodes.SERVICE_UNAVAILABLE,
                        "Typing could not be sent", Map.of("action", action))).then(Mono.empty()))
                .then();
    }

    private static UserSummary user(Connection conn) {
        return new UserSummary(conn.userId(), conn.username(), conn.displayName(), null);
    }

    /** A closed socket stops typing wherever it started and has not stopped. */
    void closed(Connection conn) {
        Set<UUID> rooms = conn.typingIfAny();
        if (!rooms.isEmpty()) {
            UserSummary user = user(conn);
            rooms.forEach(room -> typing.stopIfTyping(user, room));
            rooms.clear();
        }
    }
}
