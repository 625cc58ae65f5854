package dev.parley.message.file;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class FileRepository {

    private final DatabaseClient db;

    public FileRepository(DatabaseClient db) {
        this.db = db;
    }

    public record StoredFile(UUID id, UUID uploaderId, String filename, String contentType, long size,
            Instant createdAt) {
    }

    public Mono<Void> insert(StoredFile f) {
        return db.sql("""
                INSERT INTO files (id, uploader_id, filename, content_type, size, created_at)
                VALUES (:id, :uploader, :filename, :type, :size, :at)""")
                .bind("id", f.id()).bind("uploader", f.uploaderId()).bind("filename", f.filename())
                .bind("type", f.contentType()).bind("size", f.size()).bind("at", f.createdAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<StoredFile> find(UUID id) {
        return db.sql("SELECT id, uploader_id, filename, content_type, size, created_at FROM files WHERE id = :id")
                .bind("id", id)
                .map(r -> new StoredFile(r.get("id", UUID.class), r.get("uploader_id", UUID.class),
                        r.get("filename", String.class), r.get("content_type", String.class),
                        r.get("size", Long.class), r.get("created_at", Instant.class)))
                .one();
    }

    /** What the user's uploads take, in bytes. */
    public Mono<Long> usedBy(UUID uploader) {
        return db.sql("SELECT coalesce(sum(size), 0) AS used FROM files WHERE uploader_id = :u").bind("u", uploader)
                .map(r -> r.get("used", Long.class)).one().defaultIfEmpty(0L);
    }

    /** Removes up to {@code limit} uploads created before {@code before} that no message attached; their ids. */
    public Flux<UUID> deleteUnattached(Instant before, int limit) {
        return db.sql("""
                DELETE FROM files WHERE id IN (
                    SELECT f.id FROM files f
                    WHERE f.created_at < :before
                      AND NOT EXISTS (SELECT 1 FROM file_messages m WHERE m.file_id = f.id)
                    ORDER BY f.created_at LIMIT :limit)
                RETURNING id""")
                .bind("before", before).bind("limit", limit).map(r -> r.get("id", UUID.class)).all();
    }

    /**
     * Whether a live (not deleted) message attaches the file in a room the user is a member of now: deleting the
     * message, or removing the user from the room, withdraws it.
     */
    public Mono<Boolean> postedWhereMember(UUID fileId, UUID userId) {
        return db.sql("""
                SELECT 1 FROM file_messages f
                JOIN messages msg ON msg.id = f.message_id AND msg.deleted_at IS NULL
                JOIN room_members m ON m.room_id = f.room_id
                WHERE f.file_id = :file AND m.user_id = :user""")
                .bind("file", fileId).bind("user", userId).map(r -> 1).first().hasElement();
    }
}
