package dev.parley.message.file;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class FileRepository {

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

    /** Whether the user is a member of a room where a message attached the file. */
    public Mono<Boolean> postedWhereMember(UUID fileId, UUID userId) {
        return db.sql("""
                SELECT 1 FROM file_rooms f JOIN room_members m ON m.room_id = f.room_id
                WHERE f.file_id = :file AND m.user_id = :user""")
                .bind("file", fileId).bind("user", userId).map(r -> 1).first().hasElement();
    }
}
