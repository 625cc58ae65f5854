package dev.parley.room.room;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class RoomRepository {

    private static final String COLUMNS =
            "id, name, description, type, avatar, is_public, max_members, created_by, created_at, updated_at";

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
        spec = bindNullable(spec, "name", r.name(), String.class);
        spec = bindNullable(spec, "description", r.description(), String.class);
        spec = bindNullable(spec, "avatar", r.avatar(), String.class);
        spec = bindNullable(spec, "maxMembers", r.maxMembers(), Integer.class);
        return spec.fetch().rowsUpdated().then();
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
}
