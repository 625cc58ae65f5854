package dev.parley.room.chat;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.parley.events.data.MessageData;

/** room-service's projection of messages: the last message of each room and the input of unread counts. */
@Repository
public class MessageProjection {

    private final DatabaseClient db;

    public MessageProjection(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> sent(MessageData m) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO room_messages (id, room_id, author_id, author_username, author_display_name, content, type,
                                           created_at)
                VALUES (:id, :room, :author, :username, :displayName, :content, :type, :at)
                ON CONFLICT (id) DO NOTHING""")
                .bind("id", m.id()).bind("room", m.roomId()).bind("author", m.userId())
                .bind("content", m.content() == null ? "" : m.content()).bind("type", m.type())
                .bind("at", m.createdAt());
        String username = m.user() == null ? null : m.user().username();
        String displayName = m.user() == null ? null : m.user().displayName();
        spec = username == null ? spec.bindNull("username", String.class) : spec.bind("username", username);
        spec = displayName == null ? spec.bindNull("displayName", String.class) : spec.bind("displayName", displayName);
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<Void> edited(UUID id, String content) {
        return db.sql("UPDATE room_messages SET content = :content WHERE id = :id")
                .bind("id", id).bind("content", content).fetch().rowsUpdated().then();
    }

    public Mono<Void> deleted(UUID id) {
        return db.sql("UPDATE room_messages SET deleted = true WHERE id = :id").bind("id", id)
                .fetch().rowsUpdated().then();
    }

    /** When a message was sent, if known. */
    public Mono<Instant> createdAt(UUID id) {
        return db.sql("SELECT created_at FROM room_messages WHERE id = :id").bind("id", id)
                .map(r -> r.get("created_at", Instant.class)).one();
    }
}
