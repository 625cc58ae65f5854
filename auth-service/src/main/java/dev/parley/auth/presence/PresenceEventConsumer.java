package dev.parley.auth.presence;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.auth.user.UserEvents;
import dev.parley.auth.user.UserRepository;
import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.Topics;
import dev.parley.events.data.PresenceData;
import dev.parley.platform.consumer.EventInbox;

/**
 * Keeps {@code connected} and {@code last_seen} current from the gateway's {@code event.user.online/offline}.
 * When that changes the status others see, publishes {@code event.user.status.change} with the profile.
 * Stale events (older than the last one applied) change nothing.
 */
@Component
public class PresenceEventConsumer {

    static final String CONSUMER = "auth-service.presence";

    private final JsonMapper mapper;
    private final EventInbox inbox;
    private final UserRepository users;
    private final UserEvents events;

    public PresenceEventConsumer(JsonMapper mapper, EventInbox inbox, UserRepository users, UserEvents events) {
        this.mapper = mapper;
        this.inbox = inbox;
        this.users = users;
        this.events = events;
    }

    @KafkaListener(topics = Topics.USER, groupId = CONSUMER)
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
        boolean online = EventTypes.USER_ONLINE.equals(event.type());
        if (!online && !EventTypes.USER_OFFLINE.equals(event.type())) {
            return;
        }
        PresenceData presence = mapper.treeToValue(event.data(), PresenceData.class);
        java.util.UUID userId = presence.userId() != null ? presence.userId() : event.userId();
        Instant at = presence.at() != null ? presence.at() : event.occurredAt();
        if (userId == null) {
            return;
        }
        inbox.once(CONSUMER, event.eventId(), () -> users.findById(userId)
                .flatMap(before -> users.applyPresence(userId, online, at)
                        .flatMap(after -> after.effectiveStatus().equals(before.effectiveStatus()) ? Mono.empty()
                                : events.statusChanged(after, userId, at))))
                .block();
    }
}
