package dev.parley.room.invite;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.events.data.InviteData;

@Repository
public class InviteRepository {

    private static final String COLUMNS = "id, room_id, invitee_id, inviter_id, status, created_at, responded_at";

    private final DatabaseClient db;

    public InviteRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(InviteData i) {
        return db.sql("""
                INSERT INTO invites (id, room_id, invitee_id, inviter_id, status, created_at)
                VALUES (:id, :room, :invitee, :inviter, 'pending', :at)""")
                .bind("id", i.id()).bind("room", i.roomId()).bind("invitee", i.inviteeId())
                .bind("inviter", i.inviterId()).bind("at", i.createdAt()).fetch().rowsUpdated().then();
    }

    public Mono<InviteData> pendingFor(UUID roomId, UUID inviteeId) {
        return db.sql("SELECT " + COLUMNS + " FROM invites WHERE room_id = :room AND invitee_id = :invitee "
                        + "AND status = 'pending'")
                .bind("room", roomId).bind("invitee", inviteeId).map(InviteRepository::map).one();
    }

    /** Reads an invite and locks it until the transaction ends. */
    public Mono<InviteData> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM invites WHERE id = :id FOR UPDATE").bind("id", id)
                .map(InviteRepository::map).one();
    }

    public Flux<InviteData> pendingOf(UUID inviteeId) {
        return db.sql("SELECT " + COLUMNS + " FROM invites WHERE invitee_id = :invitee AND status = 'pending' "
                        + "ORDER BY created_at DESC")
                .bind("invitee", inviteeId).map(InviteRepository::map).all();
    }

    /** Records the answer to a pending invite; emits it as it now is. */
    public Mono<InviteData> respond(UUID id, String status, Instant at) {
        return db.sql("UPDATE invites SET status = :status, responded_at = :at WHERE id = :id AND status = 'pending' "
                        + "RETURNING " + COLUMNS)
                .bind("id", id).bind("status", status).bind("at", at).map(InviteRepository::map).one();
    }

    static InviteData map(Readable r) {
        return new InviteData(r.get("id", UUID.class), r.get("room_id", UUID.class), r.get("invitee_id", UUID.class),
                r.get("inviter_id", UUID.class), r.get("status", String.class), r.get("created_at", Instant.class),
                r.get("responded_at", Instant.class));
    }
}
