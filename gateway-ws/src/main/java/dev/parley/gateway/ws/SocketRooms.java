package dev.parley.gateway.ws;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.gateway.history.Resume;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.platform.web.ErrorCodes;

/**
 * The rooms a socket follows: {@code join_room} (a member's room, or a public one to watch), {@code leave_room},
 * and {@code resume}, which replays what the client missed in each room.
 */
@Component
class SocketRooms {

    private static final Logger log = LoggerFactory.getLogger(SocketRooms.class);

    private final MembershipView membership;
    private final ConnectionRegistry registry;
    private final Resume resume;
    private final HeldFrames holds;
    private final Frames frames;

    SocketRooms(MembershipView membership, ConnectionRegistry registry, Resume resume, HeldFrames holds,
            JsonMapper mapper, Clock clock) {
        this.membership = membership;
        this.registry = registry;
        this.resume = resume;
        this.holds = holds;
        this.frames = new Frames(mapper, clock);
    }

    Mono<Void> onRoom(Connection conn, String action, JsonNode frame) {
        UUID roomId = Frames.uuid(frame, "room_id");
        if (roomId == null) {
            return conn.reply(frames.error(ErrorCodes.VALIDATION_ERROR, "room_id must be a UUID",
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
        return membership.isMemberSoon(roomId, conn.userId()).flatMap(member -> {
            if (!member && !membership.isPublic(roomId)) {
                return conn.reply(frames.error(ErrorCodes.FORBIDDEN, "You are not a member of this room", details));
            }
            conn.joinRoom(roomId, member);
            if (!member) {
                registry.watch(roomId, conn);
            }
            return Mono.<Void>empty();
        });
    }

    /**
     * {@code resume}: replays what the client missed in each room, then {@code resume_complete} (the history
     * feature). A public room the user is not a member of is followed, as {@code join_room} would.
     */
    Mono<Void> onResume(Connection conn, JsonNode rooms, boolean prepared) {
        Resume.Parsed parsed = Resume.parse(rooms, resume.maxRooms());
        if (parsed.error() != null) {
            return conn.reply(frames.error(ErrorCodes.VALIDATION_ERROR, parsed.error(),
                    Map.of("action", "resume", "field", "rooms")));
        }
        if (!prepared) {
            resume.prepare(conn, parsed.rooms());
            // the resumed rooms' live frames now wait for their replay: the other rooms' need not
            holds.endHold(conn, conn.cursor().currentHold());
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
}
