package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class CachingJwtDecoderTest {

    final Instant now = Instant.parse("2026-12-01T12:00:00Z");
    final AtomicInteger verifications = new AtomicInteger();

    /** Verifies "good-N" tokens (expiring at now + N s), refuses everything else. */
    final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        long ttl = Long.parseLong(token.substring(5));
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("u").issuedAt(now)
                .expiresAt(now.plusSeconds(ttl)).build());
    };

    CachingJwtDecoder at(Instant t) {
        return new CachingJwtDecoder(verifier, 100, Duration.ofMinutes(5), Clock.fixed(t, ZoneOffset.UTC));
    }

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromMemory() {
        CachingJwtDecoder decoder = at(now);
        assertThat(decoder.decode("good-600").block().getSubject()).isEqualTo("u");
        assertThat(decoder.decode("good-600").block().getSubject()).isEqualTo("u");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        CachingJwtDecoder decoder = at(now);
        for (int i = 0; i < 2; i++) {
            assertThat(decoder.decode("forged").onErrorResume(e -> Mono.empty()).block()).isNull();
        }
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItHasExpired() {
        Instant[] clock = {now};
        CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, 100, Duration.ofMinutes(5),
                new Clock() {
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    public Instant instant() {
                        return clock[0];
                    }
                });
        decoder.decode("good-60").block();
        clock[0] = now.plusSeconds(61);
        decoder.decode("good-60").block(); // the stub accepts it again; the real validator would refuse it
        assertThat(verifications).hasValue(2);
    }

    @Test
    void theBearerHeaderIsReadAsRfc6750SaysWithoutARegularExpression() {
        assertThat(BearerTokens.wellFormed("Bearer abc.DEF-_~+/9==")).isEqualTo("abc.DEF-_~+/9==");
        assertThat(BearerTokens.wellFormed("bearer abc")).isEqualTo("abc");
        assertThat(BearerTokens.wellFormed("Bearer ")).isNull();
        assertThat(BearerTokens.wellFormed("Bearer a b")).isNull();
        assertThat(BearerTokens.wellFormed("Bearer ==")).isNull();
        assertThat(BearerTokens.wellFormed("Bearer a=b")).isNull();
        assertThat(BearerTokens.wellFormed("Basic abc")).isNull();
        assertThat(BearerTokens.wellFormed(null)).isNull();
    }
}
