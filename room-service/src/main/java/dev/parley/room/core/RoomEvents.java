package dev.parley.room.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.data.InviteData;
import dev.parley.events.data.InviteEventData;
import dev.parley.events.data.MemberChangeData;
import dev.parley.events.data.MemberData;
import dev.parley.events.data.MemberUser;
import dev.parley.events.data.RoomChangeData;
import dev.parley.events.data.RoomDeletedData;
import dev.parley.events.data.RoomMembershipData;
import dev.parley.events.data.RoomMembershipSnapshot;
import dev.parley.platform.outbox.Outbox;

/**
 * Everything room-service publishes, in one place. Room events go to {@code event.room} keyed by room id and
 * carry the room and the member with their role and public profile, so that no consumer calls back.
 */
@Component
public class RoomEvents {

    private final Outbox outbox;
    private final DatabaseClient db;

    public RoomEvents(Outbox outbox, DatabaseClient db) {
        this.outbox = outbox;
        this.db = db;
    }

    /**
     * A room event, then the room's whole membership as it stands in this transaction, on the compacted
     * {@code room.membership} (ADR 0010). Callers change the tables first and publish after, so the snapshot
     * includes the change.
     */
    private Mono<Void> room(String type, UUID actor, Room room, UUID subject, Object data, Instant at) {
        return outbox.append(type, actor, room.id(), subject, data, at)
                .then(snapshot(room, EventTypes.ROOM_DELETE.equals(type), actor, at));
    }

    private Mono<Void> snapshot(Room room, boolean deleted, UUID actor, Instant at) {
        Mono<List<UUID>> members = deleted ? Mono.just(List.of())
                : db.sql("SELECT user_id FROM room_members WHERE room_id = :room ORDER BY user_id")
                        .bind("room", room.id()).map(r -> r.get("user_id", UUID.class)).all().collectList();
        Mono<Boolean> isPublic = deleted ? Mono.just(room.isPublic())
                : db.sql("SELECT is_public FROM rooms WHERE id = :room").bind("room", room.id())
                        .map(r -> Boolean.TRUE.equals(r.get("is_public", Boolean.class))).one()
                        .defaultIfEmpty(room.isPublic());
        return Mono.zip(members, isPublic).flatMap(t -> outbox.append(EventTypes.ROOM_MEMBERSHIP_SNAPSHOT, actor,
                room.id(), null, new RoomMembershipSnapshot(room.id(), t.getT2(), deleted, t.getT1()), at)).then();
    }

    public Mono<Void> created(Room room, MemberData owner, Instant at) {
        return room(EventTypes.ROOM_CREATE, owner.userId(), room, owner.userId(),
                new RoomMembershipData(room.data(), owner), at);
    }

    public Mono<Void> joined(Room room, MemberData member, Instant at) {
        return room(EventTypes.ROOM_JOIN, member.userId(), room, member.userId(),
                new RoomMembershipData(room.data(), member), at);
    }

    public Mono<Void> memberAdded(Room room, MemberData member, UUID actor, Instant at) {
        return room(EventTypes.ROOM_MEMBER_ADD, actor, room, member.userId(),
                new RoomMembershipData(room.data(), member), at);
    }

    public Mono<Void> left(Room room, MemberData member, Instant at) {
        return room(EventTypes.ROOM_LEAVE, member.userId(), room, member.userId(),
                new MemberChangeData(room.data(), member, member.userId(), null), at);
    }

    public Mono<Void> memberRemoved(Room room, MemberData member, UUID actor, Instant at) {
        return room(EventTypes.ROOM_MEMBER_REMOVE, actor, room, member.userId(),
                new MemberChangeData(room.data(), member, actor, null), at);
    }

    public Mono<Void> roleUpdated(Room room, MemberData member, String previousRole, UUID actor, Instant at) {
        return room(EventTypes.ROOM_MEMBER_ROLE_UPDATE, actor, room, member.userId(),
                new MemberChangeData(room.data(), member, actor, previousRole), at);
    }

    public Mono<Void> updated(Room room, Map<String, Object> changes, UUID actor, Instant at) {
        return room(EventTypes.ROOM_UPDATE, actor, room, null, new RoomChangeData(room.data(), changes, actor), at);
    }

    public Mono<Void> deleted(Room room, UUID actor, Instant at) {
        return room(EventTypes.ROOM_DELETE, actor, room, null, new RoomDeletedData(room.data(), actor), at);
    }

    /** The room's copy on {@code event.room}, and the invitee's on {@code event.notification}. */
    public Mono<Void> invited(Room room, InviteData invite, MemberUser inviter, Instant at) {
        InviteEventData data = new InviteEventData(invite, room.data(), inviter, null);
        return room(EventTypes.ROOM_INVITE_CREATE, invite.inviterId(), room, invite.inviteeId(), data, at)
                .then(outbox.append(EventTypes.NOTIFICATION_INVITE, invite.inviterId(), room.id(), invite.inviteeId(),
                        data, at).then());
    }

    public Mono<Void> inviteAccepted(Room room, InviteData invite, MemberData member, Instant at) {
        return room(EventTypes.ROOM_INVITE_ACCEPT, invite.inviteeId(), room, invite.inviteeId(),
                new InviteEventData(invite, room.data(), null, member), at);
    }

    public Mono<Void> inviteRejected(Room room, InviteData invite, Instant at) {
        return room(EventTypes.ROOM_INVITE_REJECT, invite.inviteeId(), room, invite.inviteeId(),
                new InviteEventData(invite, room.data(), null, null), at);
    }
}
