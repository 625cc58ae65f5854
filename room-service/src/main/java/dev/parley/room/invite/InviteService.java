package dev.parley.room.invite;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.parley.events.Role;
import dev.parley.events.Times;
import dev.parley.events.data.InviteData;
import dev.parley.events.data.MemberData;
import dev.parley.events.data.MemberUser;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.room.core.MemberRepository;
import dev.parley.room.core.RoomAccess;
import dev.parley.room.core.RoomEvents;
import dev.parley.room.core.RoomPolicy;
import dev.parley.room.core.RoomRepository;
import dev.parley.room.user.UserDirectory;

/** Inviting people into rooms, and answering invitations. */
@Service
class InviteService {

    private final InviteRepository invites;
    private final RoomRepository rooms;
    private final MemberRepository members;
    private final UserDirectory users;
    private final RoomAccess access;
    private final RoomEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public InviteService(InviteRepository invites, RoomRepository rooms, MemberRepository members, UserDirectory users,
            RoomAccess access, RoomEvents events, TransactionalOperator tx, Clock clock) {
        this.invites = invites;
        this.rooms = rooms;
        this.members = members;
        this.users = users;
        this.access = access;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<InviteResponse> invite(CurrentUser caller, UUID roomId, UUID inviteeId) {
        Mono<InviteResponse> write = access.lockedMember(caller.id(), roomId).flatMap(m -> {
            if (!RoomPolicy.canInvite(m.role(), m.room().type(), m.room().isPublic())) {
                return Mono.error(m.room().isDirect()
                        ? ApiException.validation("room_id", "Nobody can be invited to a direct room")
                        : ApiException.forbidden("Only the owner and admins can invite to a private room"));
            }
            return users.find(inviteeId).switchIfEmpty(Mono.error(ApiException.notFound("User not found")))
                    .flatMap(invitee -> members.role(roomId, inviteeId)
                            .flatMap(r -> Mono.<InviteResponse>error(ApiException.conflict(
                                    "The user is already a member", List.of())))
                            .switchIfEmpty(invites.pendingFor(roomId, inviteeId)
                                    .flatMap(p -> Mono.<InviteResponse>error(ApiException.conflict(
                                            "The user is already invited", List.of())))))
                    .switchIfEmpty(Mono.defer(() -> {
                        Instant now = Times.now(clock);
                        InviteData invite = new InviteData(UUID.randomUUID(), roomId, inviteeId, caller.id(),
                                "pending", now, null);
                        return users.describe(caller).flatMap(inviter -> invites.insert(invite)
                                .then(events.invited(m.room(), invite, inviter, now))
                                .then(rooms.view(roomId, inviteeId))
                                .map(room -> response(invite, room, inviter)));
                    }));
        });
        return tx.transactional(write);
    }

    /** The caller's pending invitations, newest first. */
    public Mono<List<InviteResponse>> mine(CurrentUser caller) {
        return invites.pendingOf(caller.id())
                .concatMap(i -> Mono.zip(rooms.view(i.roomId(), caller.id()), users.find(i.inviterId())
                                .defaultIfEmpty(new MemberUser(i.inviterId(), null, null, null, "offline")))
                        .map(t -> response(i, t.getT1(), t.getT2())))
                .collectList();
    }

    public Mono<InviteResponse> accept(CurrentUser caller, UUID inviteId) {
        Mono<InviteResponse> write = pendingOfCaller(caller, inviteId).flatMap(invite -> rooms.lock(invite.roomId())
                .switchIfEmpty(Mono.error(RoomAccess.notFound()))
                .flatMap(room -> members.count(room.id()).flatMap(n -> {
                    if (room.maxMembers() != null && n >= room.maxMembers()) {
                        return Mono.error(ApiException.conflict("The room is full", List.of()));
                    }
                    Instant now = Times.now(clock);
                    return users.describe(caller).flatMap(me -> {
                        MemberData member = new MemberData(caller.id(), room.id(), Role.MEMBER.wireName(), now, me);
                        return members.insert(room.id(), caller.id(), Role.MEMBER, now)
                                .then(invites.respond(inviteId, "accepted", now))
                                .flatMap(accepted -> events.inviteAccepted(room, accepted, member, now)
                                        .then(rooms.view(room.id(), caller.id()))
                                        .map(view -> response(accepted, view, null)));
                    });
                })));
        return tx.transactional(write);
    }

    public Mono<InviteResponse> reject(CurrentUser caller, UUID inviteId) {
        Mono<InviteResponse> write = pendingOfCaller(caller, inviteId).flatMap(invite -> {
            Instant now = Times.now(clock);
            return rooms.findById(invite.roomId()).switchIfEmpty(Mono.error(RoomAccess.notFound()))
                    .flatMap(room -> invites.respond(inviteId, "rejected", now)
                            .flatMap(rejected -> events.inviteRejected(room, rejected, now)
                                    .thenReturn(response(rejected, null, null))));
        });
        return tx.transactional(write);
    }

    /** An invite addressed to the caller (others' invites do not exist for them) that is still pending. */
    private Mono<InviteData> pendingOfCaller(CurrentUser caller, UUID inviteId) {
        return invites.lock(inviteId)
                .filter(i -> i.inviteeId().equals(caller.id()))
                .switchIfEmpty(Mono.error(ApiException.notFound("Invite not found")))
                .flatMap(i -> "pending".equals(i.status()) ? Mono.just(i)
                        : Mono.error(ApiException.conflict("The invite was already " + i.status(), List.of())));
    }

    private static InviteResponse response(InviteData i, dev.parley.room.core.RoomResponse room, MemberUser inviter) {
        return new InviteResponse(i.id(), i.roomId(), i.inviteeId(), i.inviterId(), i.status(), i.createdAt(),
                i.respondedAt(), room, inviter);
    }
}
