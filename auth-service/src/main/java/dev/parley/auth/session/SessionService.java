package dev.parley.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.token.TokenIssuer;
import dev.parley.auth.user.User;
import dev.parley.auth.user.UserRepository;
import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.SessionRevokedData;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.security.ParleySecurityProperties;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ErrorCodes;

/**
 * Login sessions as refresh-token families (RFC 9700 §4.14): every refresh rotates the token; presenting a
 * token that was already rotated revokes the whole family, since one of its holders is not its owner.
 * Access tokens carry the family id as {@code sid}, so that logout ends the session it was issued for.
 */
@Service
public class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionRepository sessions;
    private final UserRepository users;
    private final TokenIssuer tokens;
    private final AuthProperties props;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Outbox outbox;
    private final ParleySecurityProperties security;

    public SessionService(SessionRepository sessions, UserRepository users, TokenIssuer tokens, AuthProperties props,
            TransactionalOperator tx, Clock clock, Outbox outbox, ParleySecurityProperties security) {
        this.outbox = outbox;
        this.security = security;
        this.sessions = sessions;
        this.users = users;
        this.tokens = tokens;
        this.props = props;
        this.tx = tx;
        this.clock = clock;
    }

    /** Tokens of a session: the access token, the refresh token in clear (shown once), and the session id. */
    public record Issued(TokenIssuer.AccessToken access, String refreshToken, UUID sessionId, User user) {
    }

    /** Starts a session for a user who just proved who they are. */
    public Mono<Issued> start(User user) {
        Instant now = Times.now(clock);
        UUID family = UUID.randomUUID();
        String refresh = RefreshTokens.generate();
        return tx.transactional(sessions.createFamily(family, user.id(), now)
                        .then(sessions.insertToken(family, RefreshTokens.hash(refresh), now,
                                now.plus(props.refreshTokenTtl()))))
                .then(Mono.fromSupplier(() -> new Issued(tokens.issue(user, family), refresh, family, user)));
    }

    /**
     * Rotates the refresh token of a request that may carry one in its {@code Authorization} header and one in
     * the browser's refresh cookie. The header's token is used when it is the current token of a live session;
     * when it is no token at all, or a superseded token of the cookie's own session, the cookie's token is used
     * (the browser that holds the session's current token is its owner); otherwise the header's token goes through
     * {@link #refresh(String)}, whose reuse detection it then meets. ADR 0007.
     */
    public Mono<Issued> refresh(String headerToken, String cookieToken) {
        String header = headerToken == null || headerToken.isBlank() ? null : headerToken.trim();
        String cookie = cookieToken == null || cookieToken.isBlank() ? null : cookieToken.trim();
        if (cookie == null || cookie.equals(header)) {
            return refresh(header);
        }
        if (header == null) {
            return refresh(cookie);
        }
        Instant now = Times.now(clock);
        return sessions.find(RefreshTokens.hash(header))
                .flatMap(h -> {
                    boolean current = h.usedAt() == null && h.familyRevokedAt() == null && h.expiresAt().isAfter(now);
                    if (current) {
                        return refresh(header);
                    }
                    return sessions.find(RefreshTokens.hash(cookie))
                            .filter(c -> c.familyId().equals(h.familyId()))
                            .flatMap(sameSession -> refresh(cookie))
                            .switchIfEmpty(Mono.defer(() -> refresh(header)));
                })
                .switchIfEmpty(Mono.defer(() -> refresh(cookie)));
    }

    /** Rotates a refresh token. Any failure is the same 401, so a caller learns nothing about the token. */
    public Mono<Issued> refresh(String presented) {
        if (presented == null || presented.isBlank()) {
            return Mono.error(invalid());
        }
        Instant now = Times.now(clock);
        return sessions.find(RefreshTokens.hash(presented.trim()))
                .switchIfEmpty(Mono.error(invalid()))
                .flatMap(stored -> {
                    if (stored.familyRevokedAt() != null || !stored.expiresAt().isAfter(now)) {
                        return Mono.error(invalid());
                    }
                    if (stored.usedAt() != null) {
                        return reuse(stored, now);
                    }
                    return rotate(stored, now);
                });
    }

    private Mono<Issued> rotate(SessionRepository.StoredToken stored, Instant now) {
        String next = RefreshTokens.generate();
        Mono<Issued> write = sessions.markUsed(stored.id(), now).flatMap(won -> {
            if (!won) {
                return Mono.error(new ReplayDetected());
            }
            return sessions.insertToken(stored.familyId(), RefreshTokens.hash(next), now,
                            now.plus(props.refreshTokenTtl()))
                    .then(users.findById(stored.userId()))
                    .map(user -> new Issued(tokens.issue(user, stored.familyId()), next, stored.familyId(), user));
        });
        return tx.transactional(write)
                .onErrorResume(ReplayDetected.class, e -> reuse(stored, now))
                .switchIfEmpty(Mono.error(invalid()));
    }

    /** A rotated token came back: end the session for everyone holding any of its tokens. */
    private Mono<Issued> reuse(SessionRepository.StoredToken stored, Instant now) {
        log.warn("refresh token reuse in session {} of user {}: revoking the session", stored.familyId(),
                stored.userId());
        return tx.transactional(end(stored.familyId(), stored.userId(), "reuse", now)).then(Mono.error(invalid()));
    }

    /** Ends the session of an access token ({@code sid}); only its owner may. */
    public Mono<Void> logout(UUID userId, UUID sessionId) {
        if (sessionId == null) {
            return Mono.empty();
        }
        return sessions.familyOwner(sessionId)
                .filter(userId::equals)
                .flatMap(owner -> tx.transactional(end(sessionId, owner, "logout", Times.now(clock))));
    }

    /**
     * Revokes a session and, in the same transaction, publishes {@code event.user.session.revoke}: every service and
     * gateway then refuses its access tokens and closes its sockets (ADR 0015).
     */
    private Mono<Void> end(UUID sessionId, UUID userId, String reason, Instant now) {
        return sessions.revokeFamily(sessionId, reason, now)
                .filter(Boolean::booleanValue)
                .flatMap(revoked -> outbox.append(EventTypes.USER_SESSION_REVOKE, userId, null, userId,
                        new SessionRevokedData(sessionId, userId, reason, now, now.plus(security.accessTokenTtl())),
                        now))
                .then();
    }

    private static ApiException invalid() {
        return ApiException.unauthorized(ErrorCodes.UNAUTHORIZED, "Invalid or expired refresh token");
    }

    private static final class ReplayDetected extends RuntimeException {
        ReplayDetected() {
            super(null, null, false, false);
        }
    }
}
