package dev.parley.message.core;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.events.data.UserSummary;
import dev.parley.message.membership.RoomAccess;
import dev.parley.platform.security.CurrentUser;

/**
 * Everything a send must know before it writes, in one query (issue #13): the caller's role and the room's type
 * (membership, as of a current projection: {@link RoomAccess#readCurrent}) and the caller as an author (the user
 * projection). The rate limit is not read here but taken atomically afterwards ({@link SendBudget}).
 */
@Component
class SendAdmission {

    /** What the send is checked against; {@code role} is null when the caller is not a member of a live room. */
    record Admission(String role, String roomType, UserSummary author) {
    }

    private static final String SQL = """
            SELECT mr.role, mr.type, u.username, u.display_name, u.avatar,
                   %s AS applied
            FROM (SELECT 1) AS one
            LEFT JOIN (SELECT m.role, r.type FROM room_members m JOIN rooms r ON r.id = m.room_id
                       WHERE m.room_id = :room AND m.user_id = :user AND NOT r.deleted) AS mr ON true
            LEFT JOIN users u ON u.id = :user""".formatted(RoomAccess.APPLIED_POSITION);

    private final DatabaseClient db;
    private final RoomAccess access;

    SendAdmission(DatabaseClient db, RoomAccess access) {
        this.db = db;
        this.access = access;
    }

    Mono<Admission> admit(CurrentUser caller, UUID roomId) {
        return access.readCurrent(roomId, partition -> db.sql(SQL)
                .bind("room", roomId).bind("user", caller.id())
                .bind("partition", partition)
                .map(r -> {
                    String username = r.get("username", String.class);
                    UserSummary author = username != null
                            ? new UserSummary(caller.id(), username, r.get("display_name", String.class),
                                    r.get("avatar", String.class))
                            // the token's names until the user projection catches up
                            : new UserSummary(caller.id(), caller.username(),
                                    caller.displayName() == null ? caller.username() : caller.displayName(), null);
                    Long applied = r.get("applied", Long.class);
                    return new RoomAccess.Positioned<>(new Admission(r.get("role", String.class),
                            r.get("type", String.class), author), applied == null ? 0 : applied);
                }).one());
    }
}
