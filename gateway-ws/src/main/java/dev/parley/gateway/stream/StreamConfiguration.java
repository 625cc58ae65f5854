package dev.parley.gateway.stream;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.Topics;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.gateway.payload.EventPayloads;
import dev.parley.gateway.ws.ConnectionRegistry;
import dev.parley.platform.kafka.TopicTail;
import dev.parley.platform.observability.RecordTracing;

/**
 * The gateway's streams: the membership view rebuilt from {@code room.membership} and a look-back of
 * {@code event.room} (pushed once live), and the other event topics pushed from their end. The gateway is ready
 * once the view caught up.
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    EventPayloads eventPayloads(JsonMapper mapper) {
        return new EventPayloads(mapper);
    }

    /**
     * The membership view at start: the compacted {@code room.membership} from its beginning (one snapshot per
     * room), then {@code event.room} from {@code parley.gateway.membership-look-back} ago, which covers every
     * change whose snapshot was not yet readable (ADR 0010). Start-up reads one record per room plus a few
     * minutes of room events, however long the rooms' history. Snapshots that arrive later are not applied:
     * from then on {@code event.room} keeps the view current.
     */
    @Bean
    TopicTail membershipTail(KafkaProperties kafka, JsonMapper mapper, MembershipView view) {
        return new TopicTail("membership", kafka.buildConsumerProperties(), List.of(Topics.ROOM_MEMBERSHIP),
                TopicTail.Start.BEGINNING, (r, live) -> {
                    if (!live && r.value() != null) {
                        view.load(mapper.readValue(r.value(), EventEnvelope.class));
                    }
                });
    }

    @Bean
    TopicTail roomTail(KafkaProperties kafka, EventRouter router, TopicTail membershipTail, ConnectionRegistry sockets,
            RecordTracing tracing,
            @Value("${parley.gateway.membership-look-back:15m}") Duration lookBack) {
        return new TopicTail("rooms", kafka.buildConsumerProperties(), List.of(Topics.ROOM), TopicTail.Start.LOOK_BACK,
                lookBack, membershipTail::isCaughtUp, (r, live) -> {
                    try (RecordTracing.InScope span = tracing.consume("ws push " + r.topic(), r)) {
                        router.onRoomEvent(r.value(), live);
                    }
                })
                .aroundEachPoll(sockets::batch);
    }

    @Bean
    TopicTail liveTail(KafkaProperties kafka, EventRouter router, ConnectionRegistry sockets, RecordTracing tracing) {
        return new TopicTail("live", kafka.buildConsumerProperties(),
                List.of(Topics.MESSAGE, Topics.TYPING, Topics.USER, Topics.NOTIFICATION, Topics.SYSTEM),
                TopicTail.Start.END, (r, live) -> {
                    // the push continues the trace of the request that caused the event (its traceparent)
                    try (RecordTracing.InScope span = tracing.consume("ws push " + r.topic(), r)) {
                        router.onLiveEvent(r.topic(), r.value());
                    }
                })
                .aroundEachPoll(sockets::batch);
    }

    /** Consumer lag of each tail: how far behind Kafka the pushes are. */
    @Bean
    MeterBinder tailLag(TopicTail roomTail, TopicTail liveTail) {
        return registry -> {
            Gauge.builder("parley.gateway.consumer.lag", roomTail, TopicTail::lag)
                    .tag("stream", "rooms").description("records not yet consumed").register(registry);
            Gauge.builder("parley.gateway.consumer.lag", liveTail, TopicTail::lag)
                    .tag("stream", "live").description("records not yet consumed").register(registry);
        };
    }

    /** DOWN until the membership view is rebuilt and the live stream is positioned. */
    @Bean
    HealthIndicator eventStreams(TopicTail membershipTail, TopicTail roomTail, TopicTail liveTail) {
        return () -> membershipTail.isCaughtUp() && roomTail.isCaughtUp() && liveTail.isCaughtUp()
                ? Health.up().build()
                : Health.down().withDetail("reason", "catching up with Kafka").build();
    }
}
