package dev.parley.auth.presence;

import java.time.Instant;
import java.util.UUID;

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
import dev.parley.events.data.GatewayHeartbeatData;
import dev.parley.events.data.PresenceData;
import dev.parley.platform.consumer.EventInbox;

/**
 * Keeps presence from the gateways' {@code event.user.online/offline} (per instance) and heartbeats. When the
 * status others see changes, publishes {@code event.user.status.change} with the profile.
 */
@Component
class PresenceEventConsumer {

    static final String CONSUMER = "auth-service.presence";
    static final String HEARTBEATS = "auth-service.heartbeats";
    static final String UNKNOWN_INSTANCE = "unknown";

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
        UUID userId = presence.userId() != null ? presence.userId() : event.userId();
        Instant at = presence.at() != null ? presence.at() : event.occurredAt();
        String instance = presence.instanceId() != null ? presence.instanceId() : UNKNOWN_INSTANCE;
        if (userId == null) {
            return;
        }
        inbox.once(CONSUMER, event.eventId(), () -> users.instanceSeen(instance, at)
                .then(users.findById(userId))
                .flatMap(before -> users.applyPresence(userId, instance, online, at)
                        .flatMap(after -> after.effectiveStatus().equals(before.effectiveStatus()) ? Mono.empty()
                                : events.statusChanged(after, userId, at))))
                .block();
    }

    @KafkaListener(topics = Topics.SYSTEM, groupId = HEARTBEATS)
    public void onSystem(ConsumerRecord<String, String> record) {
        EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
        if (!EventTypes.SYSTEM_GATEWAY_HEARTBEAT.equals(event.type())) {
            return;
        }
        GatewayHeartbeatData beat = mapper.treeToValue(event.data(), GatewayHeartbeatData.class);
        if (beat.instanceId() != null) {
            users.instanceSeen(beat.instanceId(), beat.at() != null ? beat.at() : event.occurredAt()).block();
        }
    }
}
