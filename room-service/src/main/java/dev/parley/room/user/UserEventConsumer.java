package dev.parley.room.user;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.Topics;
import dev.parley.platform.consumer.EventInbox;
import dev.parley.platform.consumer.UserProfiles;

/** Keeps {@link UserDirectory} current from {@code event.user}. Thin: decode, apply once. */
@Component
class UserEventConsumer {

    static final String CONSUMER = "room-service.users";

    private final JsonMapper mapper;
    private final EventInbox inbox;
    private final UserDirectory users;

    public UserEventConsumer(JsonMapper mapper, EventInbox inbox, UserDirectory users) {
        this.mapper = mapper;
        this.inbox = inbox;
        this.users = users;
    }

    @KafkaListener(topics = Topics.USER, groupId = "room-service.users")
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
        UserProfiles.from(event, mapper).ifPresent(p ->
                inbox.once(CONSUMER, event.eventId(), () -> users.apply(p)).block());
    }
}
