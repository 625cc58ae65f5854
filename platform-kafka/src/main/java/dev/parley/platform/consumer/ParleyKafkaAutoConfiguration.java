package dev.parley.platform.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.Topics;

/**
 * Declares Parley's topics (DESIGN.md's contract) and the consumer error handling every service uses:
 * retry with back-off, then the record goes to {@code <topic>-dlt} (Spring Kafka 4's default name, declared here
 * with the topics) and the partition moves on.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(ParleyKafkaAutoConfiguration.TopicProperties.class)
public class ParleyKafkaAutoConfiguration {

    /**
     * @param partitions        partitions of each event topic
     * @param replicationFactor replicas of each topic (3 in production)
     */
    @ConfigurationProperties("parley.kafka.topics")
    public record TopicProperties(Integer partitions, Short replicationFactor) {
        public TopicProperties {
            partitions = partitions == null ? 6 : partitions;
            replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        }
    }

    /** Retention of a dead-letter topic: two weeks to look at and replay what failed. */
    static final String DEAD_LETTER_RETENTION_MS = "1209600000";

    @Bean
    KafkaAdmin.NewTopics parleyTopics(TopicProperties props) {
        List<NewTopic> topics = new ArrayList<>(List.of(
                topic(Topics.USER, props, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)),
                // the room log is the source the gateway rebuilds its membership view from: never expire it
                // (docs/adr/0002-event-room-is-kept-forever.md)
                topic(Topics.ROOM, props, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                topic(Topics.MESSAGE, props, Map.of()),
                topic(Topics.TYPING, props, Map.of(TopicConfig.RETENTION_MS_CONFIG, "60000")),
                topic(Topics.SYSTEM, props, Map.of()),
                topic(Topics.NOTIFICATION, props, Map.of(TopicConfig.RETENTION_MS_CONFIG, "86400000")),
                // the latest membership of each room, whatever its history's length (ADR 0010)
                topic(Topics.ROOM_MEMBERSHIP, props, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT)),
                // ended sessions, read from (now - access-token lifetime) by every service (ADR 0015)
                topic(Topics.SESSION_REVOCATION, props, Map.of(TopicConfig.RETENTION_MS_CONFIG, "86400000"))));
        // where the error handler below sends what it could not process: declared, since production brokers do
        // not create topics on demand (without it the publish fails and the partition stops)
        for (String topic : Topics.ALL) {
            topics.add(topic(Topics.deadLetter(topic), props,
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, DEAD_LETTER_RETENTION_MS)));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, TopicProperties props, Map<String, String> configs) {
        return TopicBuilder.name(name).partitions(props.partitions()).replicas(props.replicationFactor())
                .configs(configs).build();
    }

    /** The consumer of {@code event.user} for a service that keeps a {@link UserProjection}. */
    @Bean
    @ConditionalOnBean(UserProjection.class)
    UserEventConsumer userEventConsumer(Environment env, JsonMapper mapper, EventInbox inbox,
            UserProjection projection) {
        return new UserEventConsumer(env.getRequiredProperty("spring.application.name") + ".users", mapper, inbox,
                projection);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return new KafkaHealthIndicator(kafka);
    }

    @Bean
    CommonErrorHandler parleyKafkaErrorHandler(KafkaOperations<Object, Object> template,
            MeterRegistry meters) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxElapsedTime(10_000);
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template);
        // parley.kafka.dead.letters{topic}: records this service gave up on, by the topic they came from (registered
        // for every topic at start, so that an alert on its rate sees zero rather than nothing)
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        Function<String, Counter> counter = topic ->
                counters.computeIfAbsent(topic, t -> Counter
                        .builder("parley.kafka.dead.letters").description("records sent to their dead-letter topic")
                        .tag("topic", t).register(meters));
        Topics.ALL.forEach(counter::apply);
        return new DefaultErrorHandler((record, failure) -> {
            deadLetters.accept(record, failure);
            counter.apply(record.topic()).increment();
        }, backOff);
    }
}
