package dev.parley.gateway.stream;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.Topics;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.gateway.ws.ConnectionRegistry;

/**
 * The gateway's two kinds of stream: {@code event.room} replayed from the beginning into the membership
 * view, and the live event topics pushed to sockets. The gateway is ready once the view has caught up.
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    EventPayloads eventPayloads(JsonMapper mapper) {
        return new EventPayloads(mapper);
    }

    @Bean
    TopicTail roomTail(KafkaProperties kafka, JsonMapper mapper, MembershipView view) {
        return new TopicTail("rooms", kafka.buildConsumerProperties(), List.of(Topics.ROOM), TopicTail.Start.BEGINNING,
                r -> view.apply(mapper.readValue(r.value(), EventEnvelope.class)));
    }

    @Bean
    TopicTail liveTail(KafkaProperties kafka, JsonMapper mapper, EventPayloads payloads, ConnectionRegistry sockets) {
        return new TopicTail("live", kafka.buildConsumerProperties(), List.of(Topics.MESSAGE), TopicTail.Start.END,
                r -> {
                    EventEnvelope event = mapper.readValue(r.value(), EventEnvelope.class);
                    payloads.toFrame(event).ifPresent(frame -> {
                        UUID room = event.roomId();
                        if (room != null) {
                            sockets.deliverToRoom(room, frame);
                        }
                    });
                });
    }

    /** DOWN until the membership view is rebuilt and the live stream is positioned. */
    @Bean
    HealthIndicator eventStreams(TopicTail roomTail, TopicTail liveTail) {
        return () -> roomTail.isCaughtUp() && liveTail.isCaughtUp()
                ? Health.up().build()
                : Health.down().withDetail("reason", "catching up with Kafka").build();
    }
}
