package dev.parley.message.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
import dev.parley.message.stream.RoomStream;

@Repository
class MessageRepository {

    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };
    private static final String COLUMNS =
            "id, room_id, user_id, content, type, reply_to, attachments, edited_at, created_at, updated_at, stream_seq";

    private final DatabaseClient db;
    private final JsonMapper mapper;

    public MessageRepository(DatabaseClient db, JsonMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    public Mono<Void> insert(Message m, String clientMessageId) {
        return bindColumns(db.sql("""
                INSERT INTO messages (id, room_id, user_id, content, type, reply_to, attachments, client_message_id,
                                      created_at, updated_at, stream_seq)
                VALUES (:id, :roomId, :userId, :content, :mtype, :replyTo, :attachments, :cmid, :createdAt, :updatedAt,
                        :seq)""").bind("seq", m.seq()), m, clientMessageId)
                .fetch().rowsUpdated().then();
    }

    /** The insert of a message as a step of {@link RoomStream#appendWith}: its seq is the statement's. */
    public RoomStream.Row insertNumbered(Message m, String clientMessageId) {
        return new RoomStream.Row("""
                INSERT INTO messages (id, room_id, user_id, content, type, reply_to, attachments, client_message_id,
                                      created_at, updated_at, stream_seq)
                SELECT :id, :roomId, :userId, :content, :mtype, :replyTo, :attachments, :cmid, :createdAt, :updatedAt,
                       last_seq FROM seq""", spec -> bindColumns(spec, m, clientMessageId));
    }

    /** The message's columns but its seq, as both inserts name them. */
    private DatabaseClient.GenericExecuteSpec bindColumns(DatabaseClient.GenericExecuteSpec spec, Message m,
            String clientMessageId) {
        DatabaseClient.GenericExecuteSpec s = spec.bind("id", m.id())
                .bind("roomId", m.roomId())
                .bind("userId", m.userId())
                .bind("content", m.content())
                .bind("mtype", m.type())
                .bind("attachments", Json.of(mapper.writeValueAsString(m.attachments())))
                .bind("createdAt", m.createdAt())
                .bind("updatedAt", m.updatedAt());
        s = m.replyTo() == null ? s.bindNull("replyTo", UUID.class) : s.bind("replyTo", m.replyTo());
        return clientMessageId == null ? s.bindNull("cmid", String.class) : s.bind("cmid", clientMessageId);
    }

    /** The message a user sent with this client id, deleted or not. */
    public Mono<Message> findByClientId(UUID userId, String clientMessageId) {
        return db.sql("SELECT " + COLUMNS + " FROM messages WHERE user_id = :u AND client_message_id = :c")
                .bind("u", userId).bind("c", clientMessageId).map(this::map).one();
    }

    /** A live (not deleted) message, locked until the transaction ends. */
    public Mono<Message> lockLive(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM messages WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
                .bind("id", id).map(this::map).one();
    }

    public Mono<Message> findLive(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM messages WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map(this::map).one();
    }

    /** Whether a live message with this id is in this room. */
    public Mono<Boolean> existsInRoom(UUID messageId, UUID roomId) {
        return db.sql("SELECT 1 FROM messages WHERE id = :id AND room_id = :room AND deleted_at IS NULL")
                .bind("id", messageId).bind("room", roomId).map(r -> 1).first().hasElement();
    }

    public Mono<Message> updateContent(UUID id, String content, Instant at) {
        return db.sql("UPDATE messages SET content = :content, edited_at = :at, updated_at = :at WHERE id = :id "
                        + "RETURNING " + COLUMNS)
                .bind("id", id).bind("content", content).bind("at", at).map(this::map).one();
    }

    public Mono<Void> softDelete(UUID id, Instant at) {
        return db.sql("UPDATE messages SET deleted_at = :at, updated_at = :at WHERE id = :id")
                .bind("id", id).bind("at", at).fetch().rowsUpdated().then();
    }

    /** A page of a room's live messages counted from the newest, returned oldest first. */
    public Flux<Message> page(UUID roomId, long offset, int limit) {
        return ascending(db.sql("SELECT " + COLUMNS + " FROM messages WHERE room_id = :room AND deleted_at IS NULL "
                        + "ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                .bind("room", roomId).bind("limit", limit).bind("offset", offset).map(this::map).all());
    }

    /** Up to {@code limit} live messages just older than the cursor message, oldest first. */
    public Flux<Message> before(UUID roomId, UUID cursor, int limit) {
        return ascending(db.sql("SELECT " + COLUMNS + " FROM messages WHERE room_id = :room AND deleted_at IS NULL "
                        + "AND seq < (SELECT seq FROM messages WHERE id = :cursor) ORDER BY seq DESC LIMIT :limit")
                .bind("room", roomId).bind("cursor", cursor).bind("limit", limit).map(this::map).all());
    }

    /** Up to {@code limit} live messages just newer than the cursor message, oldest first. */
    public Flux<Message> after(UUID roomId, UUID cursor, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM messages WHERE room_id = :room AND deleted_at IS NULL "
                        + "AND seq > (SELECT seq FROM messages WHERE id = :cursor) ORDER BY seq ASC LIMIT :limit")
                .bind("room", roomId).bind("cursor", cursor).bind("limit", limit).map(this::map).all();
    }

    /** Up to {@code limit} live messages whose send seq is greater than {@code afterSeq}, in seq order. */
    public Flux<Message> afterSeq(UUID roomId, long afterSeq, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM messages WHERE room_id = :room AND deleted_at IS NULL "
                        + "AND stream_seq > :after ORDER BY stream_seq ASC LIMIT :limit")
                .bind("room", roomId).bind("after", afterSeq).bind("limit", limit).map(this::map).all();
    }

    public Mono<Long> countAfterSeq(UUID roomId, long afterSeq) {
        return db.sql("SELECT count(*) AS c FROM messages WHERE room_id = :room AND deleted_at IS NULL "
                        + "AND stream_seq > :after")
                .bind("room", roomId).bind("after", afterSeq).map(r -> r.get("c", Long.class)).one();
    }

    /** Whether a message (deleted or not) belongs to a room: what a cursor must do. */
    public Mono<Boolean> inRoom(UUID messageId, UUID roomId) {
        return db.sql("SELECT 1 FROM messages WHERE id = :id AND room_id = :room")
                .bind("id", messageId).bind("room", roomId).map(r -> 1).first().hasElement();
    }

    private static Flux<Message> ascending(Flux<Message> newestFirst) {
        return newestFirst.collectList().flatMapMany(list -> {
            List<Message> copy = new ArrayList<>(list);
            Collections.reverse(copy);
            return Flux.fromIterable(copy);
        });
    }

    public Mono<Long> count(UUID roomId) {
        return db.sql("SELECT count(*) AS c FROM messages WHERE room_id = :room AND deleted_at IS NULL")
                .bind("room", roomId).map(r -> r.get("c", Long.class)).one();
    }

    /** Records which files a message attached: they are served to the room's members while it is live. */
    public Mono<Void> recordFileMessages(Collection<UUID> fileIds, UUID messageId, UUID roomId) {
        return Flux.fromIterable(fileIds).concatMap(f -> db.sql("""
                        INSERT INTO file_messages (file_id, message_id, room_id) VALUES (:f, :m, :r)
                        ON CONFLICT DO NOTHING""")
                .bind("f", f).bind("m", messageId).bind("r", roomId).fetch().rowsUpdated()).then();
    }

    private Message map(Readable r) {
        Json attachments = r.get("attachments", Json.class);
        return new Message(r.get("id", UUID.class), r.get("room_id", UUID.class), r.get("user_id", UUID.class),
                r.get("content", String.class), r.get("type", String.class), r.get("reply_to", UUID.class),
                attachments == null ? List.of() : mapper.readValue(attachments.asString(), ATTACHMENTS),
                r.get("edited_at", Instant.class), r.get("created_at", Instant.class),
                r.get("updated_at", Instant.class), r.get("stream_seq", Long.class));
    }
}
