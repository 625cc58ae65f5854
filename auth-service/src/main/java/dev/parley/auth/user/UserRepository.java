package dev.parley.auth.user;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
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
     * Records that a gateway instance holds (or no longer holds) a socket of the user, unless a later change of
     * that instance was recorded already; then recomputes whether the user is connected anywhere (going offline
     * sets {@code last_seen}). Emits the user as now stored, or nothing when the change was stale or the user unknown.
     */
    public Mono<User> applyPresence(UUID id, String instanceId, boolean connected, Instant at) {
        return db.sql("""
                        INSERT INTO presence_sessions (user_id, instance_id, connected, at)
                        SELECT :id, :instance, :connected, :at WHERE EXISTS (SELECT 1 FROM users WHERE id = :id)
                        ON CONFLICT (user_id, instance_id) DO UPDATE SET connected = excluded.connected, at = excluded.at
                        WHERE presence_sessions.at <= excluded.at""")
                .bind("id", id).bind("instance", instanceId).bind("connected", connected).bind("at", at)
                .fetch().rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.empty() : recomputeConnected(id, at));
    }

    /** Sets {@code connected} from the presence rows; a user who just went offline gets {@code last_seen = at}. */
    public Mono<User> recomputeConnected(UUID id, Instant at) {
        return db.sql("""
                        UPDATE users SET
                            last_seen = CASE WHEN connected AND NOT EXISTS (
                                    SELECT 1 FROM presence_sessions p WHERE p.user_id = :id AND p.connected)
                                THEN :at ELSE last_seen END,
                            connected = EXISTS (SELECT 1 FROM presence_sessions p WHERE p.user_id = :id AND p.connected)
                        WHERE id = :id RETURNING""" + " " + COLUMNS)
                .bind("id", id).bind("at", at).map(UserRepository::map).one();
    }

    /** A gateway instance is alive at {@code at}. */
    public Mono<Void> instanceSeen(String instanceId, Instant at) {
        return db.sql("""
                        INSERT INTO gateway_instances (instance_id, last_seen) VALUES (:i, :at)
                        ON CONFLICT (instance_id) DO UPDATE SET last_seen = greatest(gateway_instances.last_seen, excluded.last_seen)""")
                .bind("i", instanceId).bind("at", at).fetch().rowsUpdated().then();
    }

    /** Instances not heard from since the cutoff. */
    public Flux<String> silentInstances(Instant cutoff) {
        return db.sql("SELECT instance_id FROM gateway_instances WHERE last_seen < :cutoff").bind("cutoff", cutoff)
                .map(r -> r.get("instance_id", String.class)).all();
    }

    /**
     * Forgets a silent instance (only one replica wins) and switches its presence rows off; emits the users who had
     * a socket there, and when it was last heard from.
     */
    public Flux<Map.Entry<UUID, Instant>> expireInstance(String instanceId, Instant cutoff) {
        return db.sql("DELETE FROM gateway_instances WHERE instance_id = :i AND last_seen < :cutoff RETURNING last_seen")
                .bind("i", instanceId).bind("cutoff", cutoff).map(r -> r.get("last_seen", Instant.class)).one()
                .flatMapMany(lastSeen -> db.sql("""
                                UPDATE presence_sessions SET connected = false, at = greatest(at, :at)
                                WHERE instance_id = :i AND connected RETURNING user_id""")
                        .bind("i", instanceId).bind("at", lastSeen)
                        .map(r -> Map.entry(r.get("user_id", UUID.class), lastSeen)).all());
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
        return text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
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
