package dev.parley.room.membership;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.parley.events.Role;
import dev.parley.events.Times;
import dev.parley.events.data.MemberData;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.PageRequest;
import dev.parley.platform.web.Pagination;
import dev.parley.room.core.MemberRepository;
import dev.parley.room.core.RoomAccess;
import dev.parley.room.core.RoomEvents;
import dev.parley.room.core.RoomPolicy;
import dev.parley.room.user.UserDirectory;

/** A room's members and their roles. */
@Service
class MemberService {

    private final MemberRepository members;
    private final UserDirectory users;
    private final RoomAccess access;
    private final RoomEvents events;
    private final JoinService joins;
    private final TransactionalOperator tx;
    private final Clock clock;

    public MemberService(MemberRepository members, UserDirectory users, RoomAccess access, RoomEvents events,
            JoinService joins, TransactionalOperator tx, Clock clock) {
        this.members = members;
        this.users = users;
        this.access = access;
        this.events = events;
        this.joins = joins;
        this.tx = tx;
        this.clock = clock;
    }

    public record Page(List<MemberData> members, Pagination pagination) {
    }

    public Mono<Page> list(CurrentUser caller, UUID roomId, PageRequest page) {
        return access.visible(caller.id(), roomId)
                .then(Mono.zip(members.count(roomId), members.list(roomId, page.offset(), page.limit()).collectList()))
                .map(t -> new Page(t.getT2(), page.pagination(t.getT1())));
    }

    public Mono<MemberData> add(CurrentUser caller, UUID roomId, UUID userId, String roleName) {
        Role role = roleName == null ? Role.MEMBER : Role.parse(roleName).filter(r -> r != Role.OWNER)
                .orElseThrow(() -> ApiException.validation("role", "Role must be admin or member"));
        Mono<MemberData> write = access.lockedMember(caller.id(), roomId).flatMap(m -> {
            if (m.room().isDirect()) {
                return Mono.error(ApiException.validation("room_id", "A direct room has exactly two members"));
            }
            if (!RoomPolicy.canAddMember(m.role(), role)) {
                return Mono.error(ApiException.forbidden("You cannot add a member with role " + role.wireName()));
            }
            return users.find(userId).switchIfEmpty(Mono.error(ApiException.notFound("User not found")))
                    .flatMap(user -> members.role(roomId, userId)
                            .flatMap(r -> Mono.<MemberData>error(ApiException.conflict("The user is already a member",
                                    List.of())))
                            .switchIfEmpty(Mono.defer(() -> members.count(roomId).flatMap(n -> {
                                if (m.room().maxMembers() != null && n >= m.room().maxMembers()) {
                                    return Mono.error(ApiException.conflict("The room is full", List.of()));
                                }
                                Instant now = Times.now(clock);
                                MemberData member = new MemberData(userId, roomId, role.wireName(), now, user);
                                return members.insert(roomId, userId, role, now)
                                        .then(events.memberAdded(m.room(), member, caller.id(), now))
                                        .thenReturn(member);
                            }))));
        });
        return tx.transactional(write);
    }

    /** Removes a member; removing yourself is leaving. */
    public Mono<Void> remove(CurrentUser caller, UUID roomId, UUID userId) {
        if (caller.id().equals(userId)) {
            return joins.leave(caller, roomId);
        }
        Mono<Void> write = access.lockedMember(caller.id(), roomId).flatMap(m -> members.find(roomId, userId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Member not found")))
                .flatMap(target -> {
                    if (m.room().isDirect()) {
                        return Mono.error(ApiException.validation("room_id", "A direct room has exactly two members"));
                    }
                    if (!RoomPolicy.canRemoveMember(m.role(), Role.of(target.role()))) {
                        return Mono.error(ApiException.forbidden("You cannot remove a member with role "
                                + target.role()));
                    }
                    Instant now = Times.now(clock);
                    return members.remove(roomId, userId).then(events.memberRemoved(m.room(), target, caller.id(), now));
                }));
        return tx.transactional(write);
    }

    /** Changes a member's role (owner only). Giving {@code owner} transfers ownership: the old owner becomes admin. */
    public Mono<MemberData> changeRole(CurrentUser caller, UUID roomId, UUID userId, String roleName) {
        Role role = Role.parse(roleName)
                .orElseThrow(() -> ApiException.validation("role", "Role must be owner, admin or member"));
        Mono<MemberData> write = access.lockedMember(caller.id(), roomId).flatMap(m -> members.find(roomId, userId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Member not found")))
                .flatMap(target -> {
                    if (!RoomPolicy.canChangeRole(m.role(), Role.of(target.role())) || m.room().isDirect()) {
                        return Mono.error(ApiException.forbidden("Only the owner changes roles, and not their own"));
                    }
                    if (target.role().equals(role.wireName())) {
                        return Mono.just(target);
                    }
                    Instant now = Times.now(clock);
                    MemberData updated = new MemberData(target.userId(), roomId, role.wireName(), target.joinedAt(),
                            target.user());
                    Mono<Void> demoteOwner = role != Role.OWNER ? Mono.empty()
                            : members.find(roomId, caller.id()).flatMap(me -> members.setRole(roomId, caller.id(), Role.ADMIN)
                                    .then(events.roleUpdated(m.room(), new MemberData(me.userId(), roomId,
                                            Role.ADMIN.wireName(), me.joinedAt(), me.user()), Role.OWNER.wireName(),
                                            caller.id(), now)));
                    return members.setRole(roomId, userId, role)
                            .then(events.roleUpdated(m.room(), updated, target.role(), caller.id(), now))
                            .then(demoteOwner)
                            .thenReturn(updated);
                }));
        return tx.transactional(write);
    }
}
