package dev.parley.message.membership;

import java.util.Collection;
import java.util.Locale;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** message-service's projection of {@code event.room}: rooms and their members' roles. */
@Repository
public class Membership {

    private final DatabaseClient db;

    public Membership(DatabaseClient db) {
        this.db = db;
    }

    /** The caller's role in a live room, or empty when they are not a member. */
    public Mono<String> role(UUID roomId, UUID userId) {
        return db.sql("""
                SELECT m.role FROM room_members m JOIN rooms r ON r.id = m.room_id
                WHERE m.room_id = :room AND m.user_id = :user AND NOT r.deleted""")
                .bind("room", roomId).bind("user", userId)
                .map(row -> row.get("role", String.class)).one();
    }

    /** The caller's role and the room's type, for a member of a live room; empty otherwise. One query. */
    public Mono<RoleInRoom> roleAndType(UUID roomId, UUID userId) {
        return db.sql("""
                SELECT m.role, r.type FROM room_members m JOIN rooms r ON r.id = m.room_id
                WHERE m.room_id = :room AND m.user_id = :user AND NOT r.deleted""")
                .bind("room", roomId).bind("user", userId)
                .map(row -> new RoleInRoom(row.get("role", String.class), row.get("type", String.class))).one();
    }

    /** A member's role in a room of some type ({@code group}, {@code direct}, {@code broadcast}). */
    public record RoleInRoom(String role, String roomType) {
    }

    /** Whether a live room is public (readable by anyone who follows it). */
    public Mono<Boolean> isPublic(UUID roomId) {
        return db.sql("SELECT is_public FROM rooms WHERE id = :room AND NOT deleted").bind("room", roomId)
                .map(row -> Boolean.TRUE.equals(row.get("is_public", Boolean.class))).one().defaultIfEmpty(false);
    }

    public Mono<Void> upsertRoom(UUID roomId, String name, String type, boolean isPublic) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO rooms (id, name, type, is_public) VALUES (:id, :name, :type, :public)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type,
                    is_public = excluded.is_public""")
                .bind("id", roomId).bind("type", type).bind("public", isPublic);
        spec = name == null ? spec.bindNull("name", String.class) : spec.bind("name", name);
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<String> roomName(UUID roomId) {
        return db.sql("SELECT coalesce(name, '') AS name FROM rooms WHERE id = :id").bind("id", roomId)
                .map(r -> r.get("name", String.class)).one();
    }

    /** Members of a room with one of these usernames (case-insensitive): who an {@code @mention} reaches. */
    public Flux<UUID> membersNamed(UUID roomId, Collection<String> usernames) {
        return db.sql("""
                SELECT m.user_id FROM room_members m JOIN users u ON u.id = m.user_id
                WHERE m.room_id = :room AND lower(u.username) = ANY(:names)""")
                .bind("room", roomId)
                .bind("names", usernames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new))
                .map(r -> r.get("user_id", UUID.class)).all();
    }

    public Mono<Void> deleteRoom(UUID roomId) {
        return db.sql("UPDATE rooms SET deleted = true WHERE id = :id").bind("id", roomId).fetch().rowsUpdated()
                .then(db.sql("DELETE FROM room_members WHERE room_id = :id").bind("id", roomId).fetch().rowsUpdated())
                .then();
    }

    public Mono<Void> upsertMember(UUID roomId, UUID userId, String role) {
        return db.sql("""
                INSERT INTO room_members (room_id, user_id, role) VALUES (:room, :user, :role)
                ON CONFLICT (room_id, user_id) DO UPDATE SET role = excluded.role""")
                .bind("room", roomId).bind("user", userId).bind("role", role)
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> removeMember(UUID roomId, UUID userId) {
        return db.sql("DELETE FROM room_members WHERE room_id = :room AND user_id = :user")
                .bind("room", roomId).bind("user", userId).fetch().rowsUpdated().then();
    }
}
