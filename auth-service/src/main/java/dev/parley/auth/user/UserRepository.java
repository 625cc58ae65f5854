package dev.parley.auth.user;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class UserRepository {

    private static final String COLUMNS = "id, username, email, password_hash, display_name, avatar, status, "
            + "last_seen, is_verified, created_at, updated_at";

    private final DatabaseClient db;

    public UserRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(User u) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO users (id, username, email, password_hash, display_name, avatar, status, last_seen,
                                   is_verified, created_at, updated_at)
                VALUES (:id, :username, :email, :hash, :displayName, :avatar, :status, :lastSeen, :verified,
                        :createdAt, :updatedAt)""")
                .bind("id", u.id())
                .bind("username", u.username())
                .bind("email", u.email())
                .bind("hash", u.passwordHash())
                .bind("displayName", u.displayName())
                .bind("status", u.status())
                .bind("verified", u.isVerified())
                .bind("createdAt", u.createdAt())
                .bind("updatedAt", u.updatedAt());
        spec = u.avatar() == null ? spec.bindNull("avatar", String.class) : spec.bind("avatar", u.avatar());
        spec = u.lastSeen() == null ? spec.bindNull("lastSeen", Instant.class) : spec.bind("lastSeen", u.lastSeen());
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<User> findByUsername(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(:username)")
                .bind("username", username).map(UserRepository::map).one();
    }

    public Mono<User> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id").bind("id", id)
                .map(UserRepository::map).one();
    }

    public Mono<Boolean> usernameTaken(String username) {
        return exists("SELECT 1 FROM users WHERE lower(username) = lower(:v)", username);
    }

    public Mono<Boolean> emailTaken(String email) {
        return exists("SELECT 1 FROM users WHERE lower(email) = lower(:v)", email);
    }

    private Mono<Boolean> exists(String sql, String value) {
        return db.sql(sql).bind("v", value).map(r -> 1).first().hasElement();
    }

    static User map(Readable r) {
        return new User(
                r.get("id", UUID.class),
                r.get("username", String.class),
                r.get("email", String.class),
                r.get("password_hash", String.class),
                r.get("display_name", String.class),
                r.get("avatar", String.class),
                r.get("status", String.class),
                r.get("last_seen", Instant.class),
                Boolean.TRUE.equals(r.get("is_verified", Boolean.class)),
                r.get("created_at", Instant.class),
                r.get("updated_at", Instant.class));
    }
}
