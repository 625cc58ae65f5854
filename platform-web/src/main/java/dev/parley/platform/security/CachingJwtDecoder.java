package dev.parley.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the tokens it has verified: a client sends the same access token with every request, and parsing it
 * and checking its RS256 signature again each time was a large part of a request's CPU. A token is verified
 * once by the delegate (signature and every claim); afterwards only what changes with time is checked again
 * ({@code exp}, {@code nbf}), so a cached token stops working at the same instant as an uncached one. Bounded
 * in size and in how long an entry lives.
 */
public final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    public CachingJwtDecoder(ReactiveJwtDecoder delegate, long maxTokens, Duration maxAge, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(maxAge).build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            Instant now = clock.instant();
            if (known.getExpiresAt() != null && now.isBefore(known.getExpiresAt())
                    && (known.getNotBefore() == null || !now.isBefore(known.getNotBefore()))) {
                return Mono.just(known);
            }
            verified.invalidate(token);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }
}
