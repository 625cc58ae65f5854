package dev.parley.platform.security;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.Topics;
import dev.parley.events.data.SessionRevokedData;
import dev.parley.platform.kafka.TopicTail;

/**
 * Every process that validates access tokens follows {@code session.revocation} (ADR 0015): from one access-token
 * lifetime ago (every revocation whose tokens may still be presented) and then live, into {@link RevokedSessions}.
 * Readiness ({@code sessionRevocations}) waits until what was there at start has been read, so that no instance
 * serves a revoked session's token while it catches up.
 */
@AutoConfiguration(after = ParleySecurityAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaProperties.class)
@ConditionalOnBean({KafkaProperties.class, RevokedSessions.class})
@ConditionalOnProperty(name = "parley.security.follow-revocations", havingValue = "true", matchIfMissing = true)
public class SessionRevocationAutoConfiguration {

    private static final JsonMapper MAPPER = ParleyJson.mapper();

    @Bean
    TopicTail sessionRevocationTail(KafkaProperties kafka, RevokedSessions revoked, ParleySecurityProperties props) {
        return new TopicTail("session-revocations", kafka.buildConsumerProperties(),
                List.of(Topics.SESSION_REVOCATION), TopicTail.Start.LOOK_BACK,
                props.accessTokenTtl().plus(AccessTokenClaims.CLOCK_SKEW), () -> true, (r, live) -> {
                    if (r.value() == null) {
                        return;
                    }
                    EventEnvelope event = MAPPER.readValue(r.value(), EventEnvelope.class);
                    if (EventTypes.USER_SESSION_REVOKE.equals(event.type())) {
                        SessionRevokedData data = MAPPER.treeToValue(event.data(), SessionRevokedData.class);
                        revoked.revoke(data.userId(), data.sessionId(), data.until());
                    }
                });
    }

    @Bean
    HealthIndicator sessionRevocations(TopicTail sessionRevocationTail) {
        return () -> sessionRevocationTail.isCaughtUp()
                ? Health.up().build()
                : Health.down().withDetail("reason", "reading the revoked sessions").build();
    }

    @Bean
    MeterBinder revokedSessionsGauge(RevokedSessions revoked) {
        return registry -> Gauge.builder("parley.security.revoked.sessions", revoked,
                        RevokedSessions::size)
                .description("Ended sessions whose access tokens are refused until they expire").register(registry);
    }
}
