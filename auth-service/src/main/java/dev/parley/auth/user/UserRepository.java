package dev.parley.auth.user;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class UserRepository {

    private static final String COLUMNS = "id, username, email, password_hash, display_name, avatar, status, "
            + "connected, last_seen, is_verified, created_at, updated_at";

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

    /** Sets the profile fields; returns the user as now stored. */
    public Mono<User> updateProfile(UUID id, String displayName, String avatar, Instant at) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE users SET display_name = :displayName, "
                        + "avatar = :avatar, updated_at = :at WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).bind("displayName", displayName).bind("at", at);
        spec = avatar == null ? spec.bindNull("avatar", String.class) : spec.bind("avatar", avatar);
        return spec.map(UserRepository::map).one();
    }

    public Mono<User> updateStatus(UUID id, String status, Instant at) {
        return db.sql("UPDATE users SET status = :status, updated_at = :at WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).bind("status", status).bind("at", at)
                .map(UserRepository::map).one();
    }

    /**
     * Applies a presence change unless a later one was applied already; going offline records
     * {@code last_seen}. Emits the user as now stored, or nothing when the change was stale.
     */
    public Mono<User> applyPresence(UUID id, boolean connected, Instant at) {
        return db.sql("UPDATE users SET connected = :connected, presence_at = :at, "
                        + "last_seen = CASE WHEN :connected THEN last_seen ELSE :at END "
                        + "WHERE id = :id AND (presence_at IS NULL OR presence_at <= :at) RETURNING " + COLUMNS)
                .bind("id", id).bind("connected", connected).bind("at", at)
                .map(UserRepository::map).one();
    }

    /** Users whose username starts with, or whose display name contains, the text (case-insensitive). */
    public Flux<User> search(String text, long offset, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE " + SEARCH
                        + " ORDER BY lower(username) LIMIT :limit OFFSET :offset")
                .bind("prefix", likePrefix(text)).bind("infix", likeInfix(text))
                .bind("limit", limit).bind("offset", offset)
                .map(UserRepository::map).all();
    }

    public Mono<Long> countSearch(String text) {
        return db.sql("SELECT count(*) AS c FROM users WHERE " + SEARCH)
                .bind("prefix", likePrefix(text)).bind("infix", likeInfix(text))
                .map(r -> r.get("c", Long.class)).one();
    }

    private static final String SEARCH =
            "(lower(username) LIKE :prefix ESCAPE '\\' OR lower(display_name) LIKE :infix ESCAPE '\\')";

    private static String escapeLike(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
    }

    static String likePrefix(String text) {
        return escapeLike(text) + "%";
    }

    static String likeInfix(String text) {
        return "%" + escapeLike(text) + "%";
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
                Boolean.TRUE.equals(r.get("connected", Boolean.class)),
                r.get("last_seen", Instant.class),
                Boolean.TRUE.equals(r.get("is_verified", Boolean.class)),
                r.get("created_at", Instant.class),
                r.get("updated_at", Instant.class));
    }
}
