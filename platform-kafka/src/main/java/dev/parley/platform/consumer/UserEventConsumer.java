package dev.parley.platform.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.Topics;

/**
 * Keeps a service's {@link UserProjection} current from {@code event.user}, in the consumer group
 * {@code <spring.application.name>.users}: each event that carries a profile is applied once ({@link EventInbox}).
 */
public class UserEventConsumer {

    private final String consumer;
    private final JsonMapper mapper;
    private final EventInbox inbox;
    private final UserProjection projection;

    /** @param consumer the consumer group, also the inbox's name for it */
    public UserEventConsumer(String consumer, JsonMapper mapper, EventInbox inbox, UserProjection projection) {
        this.consumer = consumer;
        this.mapper = mapper;
        this.inbox = inbox;
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.USER, groupId = "${spring.application.name}.users")
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
        UserProfiles.from(event, mapper).ifPresent(p ->
                inbox.once(consumer, event.eventId(), () -> projection.apply(p)).block());
    }
}
