package dev.parley.room.user;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.parley.events.data.MemberUser;
import dev.parley.events.data.UserProfile;
import dev.parley.platform.consumer.UserProjection;
import dev.parley.platform.security.CurrentUser;

/** room-service's projection of {@code event.user} (kept by the platform's UserEventConsumer): the public profiles its events embed. */
@Repository
public class UserDirectory implements UserProjection {

    private final DatabaseClient db;

    public UserDirectory(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Void> apply(UserProfile p) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO users (id, username, display_name, avatar, status, updated_at)
                VALUES (:id, :username, :displayName, :avatar, :status, :updatedAt)
                ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
                    avatar = excluded.avatar, status = excluded.status, updated_at = excluded.updated_at
                WHERE users.updated_at <= excluded.updated_at""")
                .bind("id", p.id())
                .bind("username", p.username())
                .bind("displayName", p.displayName())
                .bind("status", p.status() == null ? "offline" : p.status())
                .bind("updatedAt", p.updatedAt() == null ? Instant.EPOCH : p.updatedAt());
        spec = p.avatar() == null ? spec.bindNull("avatar", String.class) : spec.bind("avatar", p.avatar());
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<MemberUser> find(UUID id) {
        return db.sql("SELECT id, username, display_name, avatar, status FROM users WHERE id = :id")
                .bind("id", id)
                .map(r -> new MemberUser(r.get("id", UUID.class), r.get("username", String.class),
                        r.get("display_name", String.class), r.get("avatar", String.class),
                        r.get("status", String.class)))
                .one();
    }

    /**
     * The caller's public profile: from the projection, or, if auth-service's event has not arrived yet,
     * from the names the access token carries.
     */
    public Mono<MemberUser> describe(CurrentUser caller) {
        return find(caller.id()).switchIfEmpty(Mono.fromSupplier(() -> new MemberUser(caller.id(),
                caller.username(), caller.displayName() == null ? caller.username() : caller.displayName(), null,
                "online")));
    }
}
