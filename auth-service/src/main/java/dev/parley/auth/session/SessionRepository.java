package dev.parley.auth.session;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class SessionRepository {

    private final DatabaseClient db;

    SessionRepository(DatabaseClient db) {
        this.db = db;
    }

    record StoredToken(UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant usedAt, Instant familyRevokedAt) {
    }

    Mono<Void> createFamily(UUID familyId, UUID userId, Instant at) {
        return db.sql("INSERT INTO refresh_families (id, user_id, created_at) VALUES (:id, :user, :at)")
                .bind("id", familyId).bind("user", userId).bind("at", at).fetch().rowsUpdated().then();
    }

    Mono<Void> insertToken(UUID familyId, byte[] hash, Instant issuedAt, Instant expiresAt) {
        return db.sql("""
                INSERT INTO refresh_tokens (id, family_id, token_hash, issued_at, expires_at)
                VALUES (:id, :family, :hash, :issued, :expires)""")
                .bind("id", UUID.randomUUID()).bind("family", familyId).bind("hash", hash)
                .bind("issued", issuedAt).bind("expires", expiresAt).fetch().rowsUpdated().then();
    }

    Mono<StoredToken> find(byte[] hash) {
        return db.sql("""
                SELECT t.id, t.family_id, f.user_id, t.expires_at, t.used_at, f.revoked_at
                FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
                WHERE t.token_hash = :hash""")
                .bind("hash", hash)
                .map(r -> new StoredToken(r.get("id", UUID.class), r.get("family_id", UUID.class),
                        r.get("user_id", UUID.class), r.get("expires_at", Instant.class),
                        r.get("used_at", Instant.class), r.get("revoked_at", Instant.class)))
                .one();
    }

    /** Marks a token used; false when another request used it first (a replay). */
    Mono<Boolean> markUsed(UUID tokenId, Instant at) {
        return db.sql("UPDATE refresh_tokens SET used_at = :at WHERE id = :id AND used_at IS NULL")
                .bind("id", tokenId).bind("at", at).fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Revokes a family; true when this call did (it was live). */
    Mono<Boolean> revokeFamily(UUID familyId, String reason, Instant at) {
        return db.sql("""
                UPDATE refresh_families SET revoked_at = :at, revoke_reason = :reason
                WHERE id = :id AND revoked_at IS NULL""")
                .bind("id", familyId).bind("reason", reason).bind("at", at).fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<UUID> familyOwner(UUID familyId) {
        return db.sql("SELECT user_id FROM refresh_families WHERE id = :id").bind("id", familyId)
                .map(r -> r.get("user_id", UUID.class)).one();
    }
}
