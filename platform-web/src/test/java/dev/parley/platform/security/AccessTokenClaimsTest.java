package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

class AccessTokenClaimsTest {

    final Instant now = Instant.parse("2026-12-02T08:00:00Z");
    final AccessTokenClaims claims = new AccessTokenClaims(Duration.ofMinutes(15), Clock.fixed(now, ZoneOffset.UTC));

    Jwt token(UnaryOperator<Jwt.Builder> change) {
        return change.apply(Jwt.withTokenValue("t").header("alg", "RS256").subject(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString()).issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(15))))
                .build();
    }

    boolean accepted(UnaryOperator<Jwt.Builder> change) {
        return !claims.validate(token(change)).hasErrors();
    }

    @Test
    void aTokenAsAuthServiceIssuesItIsAccepted() {
        assertThat(accepted(b -> b)).isTrue();
    }

    @Test
    void missingOrOverlongLifetimesAreRefused() {
        assertThat(accepted(b -> b.claims(c -> c.remove("exp")))).isFalse();
        assertThat(accepted(b -> b.claims(c -> c.remove("iat")))).isFalse();
        assertThat(accepted(b -> b.expiresAt(now.plus(Duration.ofMinutes(15)).plusSeconds(1)))).isFalse();
        assertThat(accepted(b -> b.issuedAt(now.plus(Duration.ofMinutes(5))).expiresAt(now.plus(Duration.ofMinutes(6)))))
                .isFalse();
    }

    @Test
    void aSubjectOrSessionThatIsNoIdIsRefused() {
        assertThat(accepted(b -> b.subject("admin"))).isFalse();
        assertThat(accepted(b -> b.claims(c -> c.remove("sid")))).isFalse();
        assertThat(accepted(b -> b.claim("sid", "1"))).isFalse();
    }

    @Test
    void aRevokedSessionsTokenIsRefusedEvenWhenItWasVerifiedBefore() {
        Jwt jwt = token(b -> b);
        RevokedSessions revoked = new RevokedSessions(Clock.systemUTC());
        LiveSessionJwtDecoder decoder = new LiveSessionJwtDecoder(t -> Mono.just(jwt), revoked);
        assertThat(decoder.decode("t").block()).isSameAs(jwt);

        revoked.revoke(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString("sid")),
                Instant.now().plusSeconds(60));
        assertThat(decoder.decode("t").map(j -> "accepted").onErrorResume(BadJwtException.class,
                e -> Mono.just("refused")).block()).isEqualTo("refused");
    }

    @Test
    void aRevocationIsForgottenOnceNoTokenOfTheSessionCanBeValid() {
        Instant[] t = {now};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return t[0];
            }
        };
        RevokedSessions revoked = new RevokedSessions(clock);
        UUID session = UUID.randomUUID();
        revoked.revoke(UUID.randomUUID(), session, now.plusSeconds(60));
        revoked.revoke(UUID.randomUUID(), UUID.randomUUID(), now.minusSeconds(1)); // already past: not kept
        assertThat(revoked.isRevoked(session.toString())).isTrue();
        assertThat(revoked.size()).isEqualTo(1);
        t[0] = now.plusSeconds(61);
        assertThat(revoked.isRevoked(session.toString())).isFalse();
        assertThat(revoked.size()).isZero();
    }
}
