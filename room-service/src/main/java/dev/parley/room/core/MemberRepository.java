package dev.parley.room.core;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.events.Role;
import dev.parley.events.data.MemberData;
import dev.parley.events.data.MemberUser;

@Repository
public class MemberRepository {

    private final DatabaseClient db;

    public MemberRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(UUID roomId, UUID userId, Role role, Instant joinedAt) {
        return db.sql("INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (:r, :u, :role, :at)")
                .bind("r", roomId).bind("u", userId).bind("role", role.wireName()).bind("at", joinedAt)
                .fetch().rowsUpdated().then();
    }

    /** The member's role, or empty when not a member. */
    public Mono<Role> role(UUID roomId, UUID userId) {
        return db.sql("SELECT role FROM room_members WHERE room_id = :r AND user_id = :u")
                .bind("r", roomId).bind("u", userId).map(row -> Role.of(row.get("role", String.class))).one();
    }

    public Mono<Long> count(UUID roomId) {
        return db.sql("SELECT count(*) AS c FROM room_members WHERE room_id = :r").bind("r", roomId)
                .map(row -> row.get("c", Long.class)).one();
    }

    public Mono<Void> remove(UUID roomId, UUID userId) {
        return db.sql("DELETE FROM room_members WHERE room_id = :r AND user_id = :u")
                .bind("r", roomId).bind("u", userId).fetch().rowsUpdated().then();
    }

    public Mono<Void> setRole(UUID roomId, UUID userId, Role role) {
        return db.sql("UPDATE room_members SET role = :role WHERE room_id = :r AND user_id = :u")
                .bind("r", roomId).bind("u", userId).bind("role", role.wireName()).fetch().rowsUpdated().then();
    }

    /** Moves a member's read position forward to a message (never back); messages order by (created_at, id). */
    public Mono<Void> markRead(UUID roomId, UUID userId, Instant createdAt, UUID messageId) {
        return db.sql("""
                UPDATE room_members SET last_read_at = :at, last_read_id = :id
                WHERE room_id = :r AND user_id = :u
                  AND (last_read_at IS NULL OR (last_read_at, last_read_id) < (:at, :id))""")
                .bind("r", roomId).bind("u", userId).bind("at", createdAt).bind("id", messageId)
                .fetch().rowsUpdated().then();
    }

    private static final String MEMBER_COLUMNS = """
            m.room_id, m.user_id, m.role, m.joined_at, u.username, u.display_name, u.avatar, u.status
            FROM room_members m LEFT JOIN users u ON u.id = m.user_id""";

    /** One member as the guide's Room Member object (the user part from the users projection). */
    public Mono<MemberData> find(UUID roomId, UUID userId) {
        return db.sql("SELECT " + MEMBER_COLUMNS + " WHERE m.room_id = :r AND m.user_id = :u")
                .bind("r", roomId).bind("u", userId).map(MemberRepository::map).one();
    }

    public Flux<MemberData> list(UUID roomId, long offset, int limit) {
        return db.sql("SELECT " + MEMBER_COLUMNS + " WHERE m.room_id = :r "
                        + "ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, m.joined_at, m.user_id "
                        + "LIMIT :limit OFFSET :offset")
                .bind("r", roomId).bind("limit", limit).bind("offset", offset).map(MemberRepository::map).all();
    }

    static MemberData map(Readable r) {
        UUID userId = r.get("user_id", UUID.class);
        String username = r.get("username", String.class);
        MemberUser user = new MemberUser(userId, username,
                r.get("display_name", String.class), r.get("avatar", String.class),
                r.get("status", String.class) == null ? "offline" : r.get("status", String.class));
        return new MemberData(userId, r.get("room_id", UUID.class), r.get("role", String.class),
                r.get("joined_at", Instant.class), user);
    }
}
