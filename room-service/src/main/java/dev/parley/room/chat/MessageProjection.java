package dev.parley.room.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.events.data.MessageData;

/** room-service's projection of messages: the last message of each room and the input of unread counts. */
@Repository
class MessageProjection {

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

    /** Rows per statement of {@link #sentAll} (8 parameters each, far below PostgreSQL's 65,535). */
    private static final int ROWS_PER_STATEMENT = 200;

    /** {@link #sent} for several messages, in one statement per {@value #ROWS_PER_STATEMENT} (issue #13). */
    public Mono<Void> sentAll(List<MessageData> sent) {
        if (sent.size() == 1) {
            return sent(sent.get(0));
        }
        return Flux.range(0, (sent.size() + ROWS_PER_STATEMENT - 1) / ROWS_PER_STATEMENT)
                .concatMap(chunk -> insert(sent.subList(chunk * ROWS_PER_STATEMENT,
                        Math.min(sent.size(), (chunk + 1) * ROWS_PER_STATEMENT))))
                .then();
    }

    private Mono<Long> insert(List<MessageData> rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO room_messages (id, room_id, author_id, author_username, "
                + "author_display_name, content, type, created_at) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(("(:id%1$d, :room%1$d, :author%1$d, :username%1$d, "
                    + ":displayName%1$d, :content%1$d, :type%1$d, :at%1$d)").formatted(i));
        }
        sql.append(" ON CONFLICT (id) DO NOTHING");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < rows.size(); i++) {
            MessageData m = rows.get(i);
            spec = spec.bind("id" + i, m.id()).bind("room" + i, m.roomId()).bind("author" + i, m.userId())
                    .bind("content" + i, m.content() == null ? "" : m.content()).bind("type" + i, m.type())
                    .bind("at" + i, m.createdAt());
            String username = m.user() == null ? null : m.user().username();
            String displayName = m.user() == null ? null : m.user().displayName();
            spec = username == null ? spec.bindNull("username" + i, String.class) : spec.bind("username" + i, username);
            spec = displayName == null ? spec.bindNull("displayName" + i, String.class)
                    : spec.bind("displayName" + i, displayName);
        }
        return spec.fetch().rowsUpdated();
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
