package dev.parley.message.membership;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventCatalog;
import dev.parley.events.EventTypes;
import dev.parley.events.data.InviteEventData;
import dev.parley.events.data.MemberChangeData;
import dev.parley.events.data.RoomChangeData;
import dev.parley.events.data.RoomMembershipData;
import dev.parley.events.Topics;
import dev.parley.events.data.MemberData;
import dev.parley.events.data.RoomData;
import dev.parley.message.user.AuthorDirectory;
import dev.parley.events.data.UserSummary;
import dev.parley.platform.consumer.EventInbox;

/**
 * Keeps {@link Membership} current from {@code event.room}, once per event, in room order (the topic is
 * keyed by room), and records how far it got ({@link RoomStreamBarrier}).
 */
@Component
class RoomEventConsumer {

    static final String CONSUMER = "message-service.rooms";

    private final JsonMapper mapper;
    private final EventInbox inbox;
    private final Membership membership;
    private final AuthorDirectory authors;
    private final RoomStreamBarrier position;

    RoomEventConsumer(JsonMapper mapper, EventInbox inbox, Membership membership, AuthorDirectory authors,
            RoomStreamBarrier position) {
        this.mapper = mapper;
        this.inbox = inbox;
        this.membership = membership;
        this.authors = authors;
        this.position = position;
    }

    @KafkaListener(topics = Topics.ROOM, groupId = "message-service.rooms")
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
        inbox.once(CONSUMER, event.eventId(), () -> apply(event))
                .then(position.advance(record.partition(), record.offset()))
                .block();
    }

    Mono<Void> apply(EventEnvelope event) {
        UUID roomId = event.roomId();
        return switch (event.type()) {
            case EventTypes.ROOM_CREATE, EventTypes.ROOM_JOIN, EventTypes.ROOM_MEMBER_ADD,
                    EventTypes.ROOM_INVITE_ACCEPT -> {
                boolean invite = EventTypes.ROOM_INVITE_ACCEPT.equals(event.type());
                RoomData room = invite ? EventCatalog.data(event, InviteEventData.class).room()
                        : EventCatalog.data(event, RoomMembershipData.class).room();
                MemberData member = invite ? EventCatalog.data(event, InviteEventData.class).member()
                        : EventCatalog.data(event, RoomMembershipData.class).member();
                Mono<Void> learnUser = member.user() == null ? Mono.empty() : authors.learn(new UserSummary(
                        member.userId(), member.user().username(), member.user().displayName(), member.user().avatar()));
                yield membership.upsertRoom(roomId, room.name(), room.type(), room.isPublic())
                        .then(membership.upsertMember(roomId, member.userId(), member.role()))
                        .then(learnUser);
            }
            case EventTypes.ROOM_MEMBER_ROLE_UPDATE -> {
                MemberData member = EventCatalog.data(event, MemberChangeData.class).member();
                yield membership.upsertMember(roomId, member.userId(), member.role());
            }
            case EventTypes.ROOM_LEAVE, EventTypes.ROOM_MEMBER_REMOVE -> membership.removeMember(roomId, event.userId());
            case EventTypes.ROOM_DELETE -> membership.deleteRoom(roomId);
            case EventTypes.ROOM_UPDATE -> {
                RoomData room = EventCatalog.data(event, RoomChangeData.class).room();
                yield membership.upsertRoom(roomId, room.name(), room.type(), room.isPublic());
            }
            default -> Mono.empty();
        };
    }
}
