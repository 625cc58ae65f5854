package dev.parley.room.core;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class RoomRepository {

    private static final String COLUMNS =
            "id, name, description, type, avatar, is_public, max_members, created_by, created_at, updated_at";

    /**
     * Rooms as a caller sees them: member count, last live message, and the caller's unread count (messages by
     * others after their read position, or after they joined if they never read). A direct room is named for the
     * viewer: its {@code name} and {@code avatar} are the other participant's current {@code display_name} and
     * {@code avatar} (from the user projection, so they follow profile changes). {@code updated_at} is the room's
     * last activity: its last change or its last live message, whichever is later.
     */
    private static final String VIEW = """
            SELECT r.id,
                   CASE WHEN r.type = 'direct' THEN coalesce(peer.display_name, r.name) ELSE r.name END AS name,
                   r.description, r.type,
                   CASE WHEN r.type = 'direct' THEN peer.avatar ELSE r.avatar END AS avatar,
                   r.is_public, r.max_members, r.created_by,
                   r.created_at, greatest(r.updated_at, lm.created_at) AS updated_at,
                   (SELECT count(*) FROM room_members c WHERE c.room_id = r.id) AS member_count,
                   lm.id AS lm_id, lm.content AS lm_content, lm.type AS lm_type, lm.author_id AS lm_author,
                   lm.author_username AS lm_username, lm.author_display_name AS lm_display_name,
                   lm.created_at AS lm_created_at,
                   CASE WHEN me.user_id IS NULL THEN 0 ELSE (
                       SELECT count(*) FROM room_messages x
                       WHERE x.room_id = r.id AND NOT x.deleted AND x.author_id <> :me
                         AND (CASE WHEN me.last_read_at IS NULL THEN x.created_at > me.joined_at
                                   ELSE (x.created_at, x.id) > (me.last_read_at, me.last_read_id) END)
                   ) END AS unread
            FROM rooms r
            LEFT JOIN room_members me ON me.room_id = r.id AND me.user_id = :me
            LEFT JOIN LATERAL (SELECT * FROM room_messages x WHERE x.room_id = r.id AND NOT x.deleted
                               ORDER BY x.created_at DESC, x.id DESC LIMIT 1) lm ON true
            LEFT JOIN LATERAL (SELECT u.display_name, u.avatar FROM room_members o JOIN users u ON u.id = o.user_id
                               WHERE r.type = 'direct' AND o.room_id = r.id AND o.user_id <> :me
                               ORDER BY o.joined_at LIMIT 1) peer ON true
            """;

    private final DatabaseClient db;

    public RoomRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(Room r) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO rooms (id, name, description, type, avatar, is_public, max_members, created_by,
                                   created_at, updated_at)
                VALUES (:id, :name, :description, :type, :avatar, :isPublic, :maxMembers, :createdBy,
                        :createdAt, :updatedAt)""")
                .bind("id", r.id())
                .bind("type", r.type())
                .bind("isPublic", r.isPublic())
                .bind("createdBy", r.createdBy())
                .bind("createdAt", r.createdAt())
                .bind("updatedAt", r.updatedAt());
        return bindFields(spec, r).fetch().rowsUpdated().then();
    }

    public Mono<Void> update(Room r) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                UPDATE rooms SET name = :name, description = :description, avatar = :avatar, is_public = :isPublic,
                                 max_members = :maxMembers, updated_at = :updatedAt
                WHERE id = :id""")
                .bind("id", r.id()).bind("isPublic", r.isPublic()).bind("updatedAt", r.updatedAt());
        return bindFields(spec, r).fetch().rowsUpdated().then();
    }

    private static DatabaseClient.GenericExecuteSpec bindFields(DatabaseClient.GenericExecuteSpec spec, Room r) {
        spec = bindNullable(spec, "name", r.name(), String.class);
        spec = bindNullable(spec, "description", r.description(), String.class);
        spec = bindNullable(spec, "avatar", r.avatar(), String.class);
        return bindNullable(spec, "maxMembers", r.maxMembers(), Integer.class);
    }

    public Mono<Void> delete(UUID id) {
        return db.sql("DELETE FROM rooms WHERE id = :id").bind("id", id).fetch().rowsUpdated().then();
    }

    public Mono<Room> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM rooms WHERE id = :id").bind("id", id)
                .map(RoomRepository::map).one();
    }

    /** Reads the room and locks it until the transaction ends (serialises joins against max_members). */
    public Mono<Room> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM rooms WHERE id = :id FOR UPDATE").bind("id", id)
                .map(RoomRepository::map).one();
    }

    /** One room as {@code me} sees it. */
    public Mono<RoomResponse> view(UUID roomId, UUID me) {
        return db.sql(VIEW + " WHERE r.id = :id").bind("id", roomId).bind("me", me)
                .map(RoomRepository::mapView).one();
    }

    /** The caller's rooms, most recent activity ({@code updated_at} of the view) first. */
    public Flux<RoomResponse> myChats(UUID me, long offset, int limit) {
        return db.sql(VIEW + " WHERE me.user_id IS NOT NULL "
                        + "ORDER BY greatest(r.updated_at, lm.created_at) DESC, r.id LIMIT :limit OFFSET :offset")
                .bind("me", me).bind("limit", limit).bind("offset", offset)
                .map(RoomRepository::mapView).all();
    }

    public Mono<Long> countMyChats(UUID me) {
        return db.sql("SELECT count(*) AS c FROM room_members WHERE user_id = :me").bind("me", me)
                .map(r -> r.get("c", Long.class)).one();
    }

    /** Public rooms whose name or description contains the text, newest first. */
    public Flux<RoomResponse> discover(UUID me, String text, long offset, int limit) {
        return db.sql(VIEW + " WHERE r.is_public AND " + SEARCH
                        + " ORDER BY r.created_at DESC, r.id LIMIT :limit OFFSET :offset")
                .bind("me", me).bind("q", like(text)).bind("limit", limit).bind("offset", offset)
                .map(RoomRepository::mapView).all();
    }

    public Mono<Long> countDiscover(String text) {
        return db.sql("SELECT count(*) AS c FROM rooms r WHERE r.is_public AND " + SEARCH)
                .bind("q", like(text)).map(r -> r.get("c", Long.class)).one();
    }

    private static final String SEARCH =
            "(lower(coalesce(r.name, '')) LIKE :q ESCAPE '\\' OR lower(coalesce(r.description, '')) LIKE :q ESCAPE '\\')";

    private static String like(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + t + "%";
    }

    /** THE direct room of two users, if it exists. */
    public Mono<UUID> directRoom(UUID a, UUID b) {
        UUID[] pair = ordered(a, b);
        return db.sql("SELECT room_id FROM direct_rooms WHERE user_low = :low AND user_high = :high")
                .bind("low", pair[0]).bind("high", pair[1]).map(r -> r.get("room_id", UUID.class)).one();
    }

    public Mono<Void> insertDirect(UUID a, UUID b, UUID roomId) {
        UUID[] pair = ordered(a, b);
        return db.sql("INSERT INTO direct_rooms (user_low, user_high, room_id) VALUES (:low, :high, :room)")
                .bind("low", pair[0]).bind("high", pair[1]).bind("room", roomId).fetch().rowsUpdated().then();
    }

    /** Serialises everything about one pair's direct room until the transaction ends. */
    public Mono<Void> lockPair(UUID a, UUID b) {
        UUID[] pair = ordered(a, b);
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .bind("key", "direct:" + pair[0] + ":" + pair[1]).fetch().rowsUpdated().then();
    }

    private static UUID[] ordered(UUID a, UUID b) {
        return a.toString().compareTo(b.toString()) < 0 ? new UUID[] {a, b} : new UUID[] {b, a};
    }

    static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
            T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static Room map(Readable r) {
        return new Room(r.get("id", UUID.class), r.get("name", String.class), r.get("description", String.class),
                r.get("type", String.class), r.get("avatar", String.class),
                Boolean.TRUE.equals(r.get("is_public", Boolean.class)), r.get("max_members", Integer.class),
                r.get("created_by", UUID.class), r.get("created_at", Instant.class), r.get("updated_at", Instant.class));
    }

    static RoomResponse mapView(Readable r) {
        Room room = map(r);
        UUID lmId = r.get("lm_id", UUID.class);
        RoomResponse.LastMessage last = lmId == null ? null : new RoomResponse.LastMessage(lmId,
                r.get("lm_content", String.class), r.get("lm_type", String.class),
                new RoomResponse.Author(r.get("lm_author", UUID.class), r.get("lm_username", String.class),
                        r.get("lm_display_name", String.class)),
                r.get("lm_created_at", Instant.class));
        Long unread = r.get("unread", Long.class);
        Long members = r.get("member_count", Long.class);
        return new RoomResponse(room.data(), members == null ? 0 : members, last, unread == null ? 0 : unread);
    }
}
