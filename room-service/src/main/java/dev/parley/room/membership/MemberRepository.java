package dev.parley.room.membership;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

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
    public Mono<String> role(UUID roomId, UUID userId) {
        return db.sql("SELECT role FROM room_members WHERE room_id = :r AND user_id = :u")
                .bind("r", roomId).bind("u", userId).map(row -> row.get("role", String.class)).one();
    }

    public Mono<Long> count(UUID roomId) {
        return db.sql("SELECT count(*) AS c FROM room_members WHERE room_id = :r").bind("r", roomId)
                .map(row -> row.get("c", Long.class)).one();
    }
}
