package dev.parley.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.parley.auth.token.TokenIssuer;
import dev.parley.auth.user.User;
import dev.parley.auth.user.UserRepository;
import dev.parley.auth.user.UserResponse;
import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.web.ApiError;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ErrorCodes;

/** Registration and login. Password hashing runs off the event loop. */
@Service
public class AccountService {

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final Clock clock;
    /** Compared against when the user does not exist, so that both failures cost the same. */
    private final String dummyHash;

    public AccountService(UserRepository users, PasswordEncoder passwords, TokenIssuer tokens, Outbox outbox,
            TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.dummyHash = passwords.encode("not-a-real-password-" + UUID.randomUUID());
    }

    public Mono<UserResponse> register(RegisterRequest req) {
        if (req.password().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
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
                    User user = new User(UUID.randomUUID(), username, email, hash, displayName, null, "offline",
                            null, false, now, now);
                    Mono<User> write = users.insert(user)
                            .then(outbox.append(EventTypes.USER_CREATE, user.id(), null, user.id(), user.profile(), now))
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

    public Mono<LoginResponse> login(LoginRequest req) {
        return users.findByUsername(req.username().trim())
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(found -> Mono.fromCallable(() -> passwords.matches(req.password(),
                                found.map(User::passwordHash).orElse(dummyHash)) && found.isPresent())
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(ok -> ok ? Mono.just(found.get()) : Mono.error(ApiException.unauthorized(
                                ErrorCodes.INVALID_CREDENTIALS, "Invalid username or password"))))
                .map(user -> {
                    TokenIssuer.AccessToken token = tokens.issue(user);
                    return new LoginResponse(token.value(), "Bearer", token.expiresInSeconds(), token.expiresAt(),
                            UserResponse.of(user));
                });
    }
}
