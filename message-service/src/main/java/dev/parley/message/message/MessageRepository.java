package dev.parley.message.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.data.Attachment;

@Repository
public class MessageRepository {

    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };
    private static final String COLUMNS =
            "id, room_id, user_id, content, type, reply_to, attachments, edited_at, created_at, updated_at";

    private final DatabaseClient db;
    private final JsonMapper mapper;

    public MessageRepository(DatabaseClient db, JsonMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    public Mono<Void> insert(Message m) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO messages (id, room_id, user_id, content, type, reply_to, attachments, created_at, updated_at)
                VALUES (:id, :roomId, :userId, :content, :type, :replyTo, :attachments, :createdAt, :updatedAt)""")
                .bind("id", m.id())
                .bind("roomId", m.roomId())
                .bind("userId", m.userId())
                .bind("content", m.content())
                .bind("type", m.type())
                .bind("attachments", Json.of(mapper.writeValueAsString(m.attachments())))
                .bind("createdAt", m.createdAt())
                .bind("updatedAt", m.updatedAt());
        spec = m.replyTo() == null ? spec.bindNull("replyTo", UUID.class) : spec.bind("replyTo", m.replyTo());
        return spec.fetch().rowsUpdated().then();
    }

    /** Whether a live (not deleted) message with this id is in this room. */
    public Mono<Boolean> existsInRoom(UUID messageId, UUID roomId) {
        return db.sql("SELECT 1 FROM messages WHERE id = :id AND room_id = :room AND deleted_at IS NULL")
                .bind("id", messageId).bind("room", roomId).map(r -> 1).first().hasElement();
    }

    /** A page of a room's live messages counted from the newest, returned oldest first. */
    public Flux<Message> page(UUID roomId, long offset, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM messages WHERE room_id = :room AND deleted_at IS NULL "
                        + "ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                .bind("room", roomId).bind("limit", limit).bind("offset", offset)
                .map(this::map).all()
                .collectList()
                .flatMapMany(list -> {
                    java.util.Collections.reverse(list);
                    return Flux.fromIterable(list);
                });
    }

    public Mono<Long> count(UUID roomId) {
        return db.sql("SELECT count(*) AS c FROM messages WHERE room_id = :room AND deleted_at IS NULL")
                .bind("room", roomId).map(r -> r.get("c", Long.class)).one();
    }

    private Message map(Readable r) {
        Json attachments = r.get("attachments", Json.class);
        return new Message(r.get("id", UUID.class), r.get("room_id", UUID.class), r.get("user_id", UUID.class),
                r.get("content", String.class), r.get("type", String.class), r.get("reply_to", UUID.class),
                attachments == null ? List.of() : mapper.readValue(attachments.asString(), ATTACHMENTS),
                r.get("edited_at", Instant.class), r.get("created_at", Instant.class),
                r.get("updated_at", Instant.class));
    }
}
