package dev.parley.auth.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.parley.auth.session.SessionService;
import dev.parley.auth.throttle.LoginThrottle;
import dev.parley.auth.user.User;
import dev.parley.auth.user.UserEvents;
import dev.parley.auth.user.UserRepository;
import dev.parley.auth.user.UserResponse;
import dev.parley.events.Times;
import dev.parley.platform.web.ApiError;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ErrorCodes;

/** Registration and login. Password hashing runs off the event loop. */
@Service
class AccountService {

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final UserEvents userEvents;
    private final TransactionalOperator tx;
    private final Clock clock;
    /** Compared against when the user does not exist, so that both failures cost the same. */
    private final String dummyHash;

    public AccountService(UserRepository users, PasswordEncoder passwords, SessionService sessions,
            LoginThrottle throttle, UserEvents userEvents, TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.throttle = throttle;
        this.userEvents = userEvents;
        this.tx = tx;
        this.clock = clock;
        this.dummyHash = passwords.encode("not-a-real-password-" + UUID.randomUUID());
    }

    public Mono<UserResponse> register(RegisterRequest req) {
        if (req.password().getBytes(StandardCharsets.UTF_8).length > 72) {
            return Mono.error(ApiException.validation("password", "Password must be at most 72 bytes"));
        }
        String username = req.username().trim();
        String email = req.email().trim().toLowerCase(Locale.ROOT);
        String displayName = req.displayName() == null || req.displayName().isBlank() ? username
                : req.displayName().trim();
        return conflicts(username, email)
                .then(Mono.fromCallable(() -> passwords.encode(req.password()))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(hash -> {
                    Instant now = Times.now(clock);
                    User user = new User(UUID.randomUUID(), username, email, hash, displayName, null, "online",
                            false, null, false, now, now);
                    Mono<User> write = users.insert(user)
                            .then(userEvents.created(user, now))
                            .thenReturn(user);
                    return tx.transactional(write);
                })
                .onErrorMap(DataIntegrityViolationException.class, e -> ApiException.conflict(
                        "Username or email is already registered", List.of()))
                .map(UserResponse::of);
    }

    private Mono<Void> conflicts(String username, String email) {
        return Mono.zip(users.usernameTaken(username), users.emailTaken(email)).flatMap(taken -> {
            List<ApiError.FieldError> details = new ArrayList<>();
            if (taken.getT1()) {
                details.add(new ApiError.FieldError("username", "Username is already taken"));
            }
            if (taken.getT2()) {
                details.add(new ApiError.FieldError("email", "Email is already registered"));
            }
            return details.isEmpty() ? Mono.empty()
                    : Mono.error(ApiException.conflict("Username or email is already registered", details));
        });
    }

    /**
     * Checks the password (or, for an unknown user, a dummy hash, so both failures cost the same and read the
     * same), under the login throttle, and starts a session.
     */
    public Mono<LoginResponse> login(LoginRequest req, String clientAddress) {
        LoginThrottle.Keys keys = LoginThrottle.Keys.of(req.username(), clientAddress);
        return throttle.check(keys)
                .then(users.findByUsername(req.username().trim())
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty()))
                .flatMap(found -> Mono.fromCallable(() -> passwords.matches(req.password(),
                                found.map(User::passwordHash).orElse(dummyHash)) && found.isPresent())
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(ok -> ok
                                ? throttle.succeeded(keys).thenReturn(found.get())
                                : throttle.failed(keys).then(Mono.error(ApiException.unauthorized(
                                        ErrorCodes.INVALID_CREDENTIALS, "Invalid username or password")))))
                .flatMap(sessions::start)
                .map(s -> LoginResponse.of(s, UserResponse.of(s.user())));
    }
}
