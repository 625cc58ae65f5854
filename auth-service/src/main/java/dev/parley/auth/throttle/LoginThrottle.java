package dev.parley.auth.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.events.Times;
import dev.parley.platform.web.ApiException;

/**
 * Counts failed logins per account and per client address in PostgreSQL, so that every auth-service replica
 * sees the same counts.
 */
@Component
public class LoginThrottle {

    private final DatabaseClient db;
    private final ThrottleProperties props;
    private final Clock clock;

    public LoginThrottle(DatabaseClient db, ThrottleProperties props, Clock clock) {
        this.db = db;
        this.props = props;
        this.clock = clock;
    }

    /** The throttle keys of one attempt. */
    public record Keys(String account, String address) {
        public static Keys of(String username, String address) {
            return new Keys("account:" + username.trim().toLowerCase(Locale.ROOT), "address:" + address);
        }

        List<String> both() {
            return List.of(account, address);
        }
    }

    /** Fails with 429 and Retry-After while either key is locked out. */
    public Mono<Void> check(Keys keys) {
        Instant now = Times.now(clock);
        return db.sql("SELECT max(locked_until) AS until FROM login_throttle WHERE key IN (:a, :b) "
                        + "AND locked_until > :now")
                .bind("a", keys.account()).bind("b", keys.address()).bind("now", now)
                .map(r -> Optional.ofNullable(r.get("until", Instant.class)))
                .one()
                .flatMap(until -> until.isEmpty() ? Mono.empty() : Mono.error(ApiException.tooManyRequests(
                        "Too many failed login attempts. Try again later.",
                        (Duration.between(now, until.get()).toMillis() + 999) / 1000)));
    }

    /** Records a failure under both keys, locking a key out when it reaches its limit. */
    public Mono<Void> failed(Keys keys) {
        return Flux.fromIterable(keys.both())
                .concatMap(key -> fail(key, key.equals(keys.account()) ? props.accountLimit() : props.addressLimit()))
                .then();
    }

    private Mono<Void> fail(String key, int limit) {
        Instant now = Times.now(clock);
        Instant windowStart = now.minus(props.window());
        return db.sql("""
                INSERT INTO login_throttle (key, failures, window_start) VALUES (:key, 1, :now)
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN login_throttle.window_start < :windowStart THEN 1
                                    ELSE login_throttle.failures + 1 END,
                    window_start = CASE WHEN login_throttle.window_start < :windowStart THEN :now
                                        ELSE login_throttle.window_start END,
                    lockouts = CASE WHEN login_throttle.locked_until < :windowStart THEN 0
                                    ELSE login_throttle.lockouts END
                RETURNING failures, lockouts""")
                .bind("key", key).bind("now", now).bind("windowStart", windowStart)
                .map(r -> new int[] {r.get("failures", Integer.class), r.get("lockouts", Integer.class)})
                .one()
                .flatMap(state -> state[0] < limit ? Mono.empty() : db.sql("""
                                UPDATE login_throttle SET failures = 0, window_start = :now, lockouts = lockouts + 1,
                                    locked_until = :until WHERE key = :key""")
                        .bind("key", key).bind("now", now).bind("until", now.plus(props.lockout(state[1])))
                        .fetch().rowsUpdated().then());
    }

    /** A successful login clears the account's failures (not the address's). */
    public Mono<Void> succeeded(Keys keys) {
        return db.sql("DELETE FROM login_throttle WHERE key = :key").bind("key", keys.account())
                .fetch().rowsUpdated().then();
    }
}
