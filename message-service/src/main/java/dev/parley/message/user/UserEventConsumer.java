package dev.parley.message.user;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.Topics;
import dev.parley.platform.consumer.EventInbox;
import dev.parley.platform.consumer.UserProfiles;

/** Keeps {@link AuthorDirectory} current from {@code event.user}. */
@Component
class UserEventConsumer {

    static final String CONSUMER = "message-service.users";

    private final JsonMapper mapper;
    private final EventInbox inbox;
    private final AuthorDirectory authors;

    public UserEventConsumer(JsonMapper mapper, EventInbox inbox, AuthorDirectory authors) {
        this.mapper = mapper;
        this.inbox = inbox;
        this.authors = authors;
    }

    @KafkaListener(topics = Topics.USER, groupId = "message-service.users")
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
        UserProfiles.from(event, mapper).ifPresent(p ->
                inbox.once(CONSUMER, event.eventId(), () -> authors.apply(p.summary(), p.updatedAt())).block());
    }
}
