package dev.parley.gateway.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;

class MembershipViewTest {

    private final MembershipView view = new MembershipView();
    private final UUID room = UUID.randomUUID();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    private EventEnvelope event(String type, UUID user, boolean isPublic) {
        ObjectNode data = ParleyJson.mapper().createObjectNode();
        data.putObject("room").put("is_public", isPublic);
        data.putObject("member").put("user_id", user.toString()).put("role", "member");
        return EventEnvelope.create(type, "room-service", user, room, user, data, Instant.now());
    }

    @Test
    void joinsAddAndLeavesRemoveMembersAndReplayingChangesNothing() {
        EventEnvelope create = event(EventTypes.ROOM_CREATE, alice, true);
        EventEnvelope join = event(EventTypes.ROOM_JOIN, bob, true);
        view.apply(create);
        view.apply(join);
        view.apply(join);
        assertThat(view.members(room)).containsExactlyInAnyOrder(alice, bob);
        assertThat(view.isPublic(room)).isTrue();

        view.apply(event(EventTypes.ROOM_LEAVE, bob, true));
        assertThat(view.isMember(room, bob)).isFalse();
        assertThat(view.isMember(room, alice)).isTrue();
    }

    @Test
    void aDeletedRoomHasNoMembers() {
        view.apply(event(EventTypes.ROOM_CREATE, alice, false));
        view.apply(EventEnvelope.create(EventTypes.ROOM_DELETE, "room-service", alice, room, null,
                ParleyJson.mapper().createObjectNode(), Instant.now()));
        assertThat(view.members(room)).isEmpty();
        assertThat(view.exists(room)).isFalse();
    }

    @Test
    void statusChangesReachOnlyCoMembersOfRoomsWithinThePresenceLimit() {
        UUID big = UUID.randomUUID();
        UUID cat = UUID.randomUUID();
        UUID dan = UUID.randomUUID();
        view.apply(event(EventTypes.ROOM_CREATE, alice, false));
        view.apply(event(EventTypes.ROOM_JOIN, bob, false));
        for (UUID u : java.util.List.of(alice, cat, dan)) {
            view.apply(dev.parley.testinfra.Events.membership(EventTypes.ROOM_JOIN, big,
                    new dev.parley.testinfra.Events.Who(u, "user"), "member", false));
        }
        assertThat(view.presenceAudienceOf(alice, 2)).containsExactlyInAnyOrder(alice, bob);
        assertThat(view.presenceAudienceOf(alice, 3)).containsExactlyInAnyOrder(alice, bob, cat, dan);
        assertThat(view.presenceAudienceOf(cat, 2)).containsExactly(cat);
        assertThat(view.contactsOf(alice)).containsExactlyInAnyOrder(alice, bob, cat, dan);
    }
}
