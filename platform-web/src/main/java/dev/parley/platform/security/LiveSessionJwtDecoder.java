package dev.parley.platform.security;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Refuses a valid token whose session has ended ({@link RevokedSessions}), on every use: a token's signature and
 * claims are verified once (and remembered), its session is looked up each time.
 */
public final class LiveSessionJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final RevokedSessions revoked;

    public LiveSessionJwtDecoder(ReactiveJwtDecoder delegate, RevokedSessions revoked) {
        this.delegate = delegate;
        this.revoked = revoked;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        return delegate.decode(token).flatMap(jwt -> revoked.isRevoked(jwt.getClaimAsString(RevokedSessions.CLAIM_SESSION))
                ? Mono.error(new BadJwtException("The token's session has ended"))
                : Mono.just(jwt));
    }
}
