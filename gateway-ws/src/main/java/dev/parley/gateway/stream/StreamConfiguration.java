package dev.parley.gateway.stream;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.Topics;
import dev.parley.gateway.payload.EventPayloads;

/**
 * The gateway's two streams: {@code event.room} replayed from the beginning into the membership view (and pushed
 * once live), and the other event topics pushed from their end. The gateway is ready once the view caught up.
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    EventPayloads eventPayloads(JsonMapper mapper) {
        return new EventPayloads(mapper);
    }

    @Bean
    TopicTail roomTail(KafkaProperties kafka, EventRouter router) {
        return new TopicTail("rooms", kafka.buildConsumerProperties(), List.of(Topics.ROOM), TopicTail.Start.BEGINNING,
                (r, live) -> router.onRoomEvent(r.value(), live));
    }

    @Bean
    TopicTail liveTail(KafkaProperties kafka, EventRouter router) {
        return new TopicTail("live", kafka.buildConsumerProperties(),
                List.of(Topics.MESSAGE, Topics.TYPING, Topics.USER, Topics.NOTIFICATION, Topics.SYSTEM),
                TopicTail.Start.END, (r, live) -> router.onLiveEvent(r.topic(), r.value()));
    }

    /** Consumer lag of each tail: how far behind Kafka the pushes are. */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder tailLag(TopicTail roomTail, TopicTail liveTail) {
        return registry -> {
            io.micrometer.core.instrument.Gauge.builder("parley.gateway.consumer.lag", roomTail, TopicTail::lag)
                    .tag("stream", "rooms").description("records not yet consumed").register(registry);
            io.micrometer.core.instrument.Gauge.builder("parley.gateway.consumer.lag", liveTail, TopicTail::lag)
                    .tag("stream", "live").description("records not yet consumed").register(registry);
        };
    }

    /** DOWN until the membership view is rebuilt and the live stream is positioned. */
    @Bean
    HealthIndicator eventStreams(TopicTail roomTail, TopicTail liveTail) {
        return () -> roomTail.isCaughtUp() && liveTail.isCaughtUp()
                ? Health.up().build()
                : Health.down().withDetail("reason", "catching up with Kafka").build();
    }
}
