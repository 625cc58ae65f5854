package dev.parley.message.user;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.parley.events.data.UserProfile;
import dev.parley.events.data.UserSummary;
import dev.parley.platform.consumer.UserProjection;
import dev.parley.platform.security.CurrentUser;

/** message-service's projection of users (kept from event.user by the platform's UserEventConsumer): the {@code user} object every message embeds. */
@Repository
public class AuthorDirectory implements UserProjection {

    private final DatabaseClient db;

    public AuthorDirectory(DatabaseClient db) {
        this.db = db;
    }

    /** Stores a profile from event.user, unless a newer one is stored. */
    @Override
    public Mono<Void> apply(UserProfile p) {
        return upsert(p.summary(), p.updatedAt() == null ? Instant.EPOCH : p.updatedAt(),
                "WHERE users.updated_at <= excluded.updated_at");
    }

    /** Stores a profile seen in a room event only if the user is not known yet (user events are authoritative). */
    public Mono<Void> learn(UserSummary u) {
        return upsert(u, Instant.EPOCH, "WHERE false");
    }

    private Mono<Void> upsert(UserSummary u, Instant updatedAt, String condition) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO users (id, username, display_name, avatar, updated_at)
                VALUES (:id, :username, :displayName, :avatar, :updatedAt)
                ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
                    avatar = excluded.avatar, updated_at = excluded.updated_at
                """ + condition)
                .bind("id", u.id())
                .bind("username", u.username())
                .bind("displayName", u.displayName() == null ? u.username() : u.displayName())
                .bind("updatedAt", updatedAt);
        spec = u.avatar() == null ? spec.bindNull("avatar", String.class) : spec.bind("avatar", u.avatar());
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<UserSummary> find(UUID id) {
        return db.sql("SELECT id, username, display_name, avatar FROM users WHERE id = :id").bind("id", id)
                .map(r -> new UserSummary(r.get("id", UUID.class), r.get("username", String.class),
                        r.get("display_name", String.class), r.get("avatar", String.class)))
                .one();
    }

    /** The caller as an author: the projection, or the token's names until the projection catches up. */
    public Mono<UserSummary> describe(CurrentUser caller) {
        return find(caller.id()).switchIfEmpty(Mono.fromSupplier(() -> new UserSummary(caller.id(),
                caller.username(), caller.displayName() == null ? caller.username() : caller.displayName(), null)));
    }
}
