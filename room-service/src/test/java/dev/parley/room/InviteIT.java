package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;

class InviteIT extends RoomServiceIntegrationTest {

    private String invite(Caller from, String room, Caller to) {
        String body = body(post(from, "/api/v1/rooms/{id}/invites", Map.of("user_id", to.id()), room)
                .expectStatus().isCreated());
        return json(body).get("data").get("id").asString();
    }

    @Test
    void anInviteeSeesTheInviteIsNotifiedAndJoinsByAccepting() {
        Caller owner = caller("owner");
        Caller guest = caller("guest");
        String room = privateRoom(owner);
        String inviteId = invite(owner, room, guest);

        EventEnvelope created = awaitEvent(room, EventTypes.ROOM_INVITE_CREATE);
        assertThat(created.data().get("invite").get("invitee_id").asString()).isEqualTo(guest.id().toString());
        EventEnvelope notification = awaitEvent(guest.id().toString(), EventTypes.NOTIFICATION_INVITE);
        assertThat(notification.data().get("inviter").get("username").asString()).isEqualTo("owner");

        JsonNode mine = json(body(get(guest, "/api/v1/invites").expectStatus().isOk())).get("data").get("invites");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("room").get("id").asString()).isEqualTo(room);

        post(guest, "/api/v1/invites/{id}/accept", null, inviteId).expectStatus().isOk()
                .expectBody().jsonPath("$.data.status").isEqualTo("accepted");
        EventEnvelope accepted = awaitEvent(room, EventTypes.ROOM_INVITE_ACCEPT);
        assertThat(accepted.data().get("member").get("role").asString()).isEqualTo("member");
        get(guest, "/api/v1/rooms/{id}", room).expectStatus().isOk().expectBody().jsonPath("$.data.member_count").isEqualTo(2);
        post(guest, "/api/v1/invites/{id}/accept", null, inviteId).expectStatus().isEqualTo(409);
        assertThat(json(body(get(guest, "/api/v1/invites").expectStatus().isOk())).get("data").get("invites")).isEmpty();
    }

    @Test
    void aPendingInviteLetsTheInviteeJoinAPrivateRoom() {
        Caller owner = caller("owner");
        Caller guest = caller("guest");
        String room = privateRoom(owner);
        post(guest, "/api/v1/rooms/{id}/join", null, room).expectStatus().isForbidden();
        invite(owner, room, guest);
        post(guest, "/api/v1/rooms/{id}/join", null, room).expectStatus().isOk();
        awaitEvent(room, EventTypes.ROOM_INVITE_ACCEPT);
    }

    @Test
    void rejectingIsRecordedAndPublished() {
        Caller owner = caller("owner");
        Caller guest = caller("guest");
        String room = privateRoom(owner);
        String inviteId = invite(owner, room, guest);
        post(guest, "/api/v1/invites/{id}/reject", null, inviteId).expectStatus().isOk()
                .expectBody().jsonPath("$.data.status").isEqualTo("rejected");
        awaitEvent(room, EventTypes.ROOM_INVITE_REJECT);
        get(guest, "/api/v1/rooms/{id}", room).expectStatus().isNotFound();
    }

    @Test
    void whoMayInviteAndWhomToInvite() {
        Caller owner = caller("owner");
        Caller member = caller("member");
        Caller guest = caller("guest");
        Caller other = caller("other");
        String privateRoom = privateRoom(owner);
        post(owner, "/api/v1/rooms/{id}/members", Map.of("user_id", member.id()), privateRoom).expectStatus().isCreated();
        post(member, "/api/v1/rooms/{id}/invites", Map.of("user_id", guest.id()), privateRoom).expectStatus().isForbidden();
        post(other, "/api/v1/rooms/{id}/invites", Map.of("user_id", guest.id()), privateRoom).expectStatus().isNotFound();
        post(owner, "/api/v1/rooms/{id}/invites", Map.of("user_id", member.id()), privateRoom).expectStatus().isEqualTo(409);
        String inviteId = invite(owner, privateRoom, guest);
        post(owner, "/api/v1/rooms/{id}/invites", Map.of("user_id", guest.id()), privateRoom).expectStatus().isEqualTo(409);
        post(owner, "/api/v1/rooms/{id}/invites", Map.of("user_id", java.util.UUID.randomUUID()), privateRoom)
                .expectStatus().isNotFound();
        // an invite is only its invitee's
        post(other, "/api/v1/invites/{id}/accept", null, inviteId).expectStatus().isNotFound();

        String publicRoom = publicRoom(owner);
        post(member, "/api/v1/rooms/{id}/join", null, publicRoom).expectStatus().isOk();
        post(member, "/api/v1/rooms/{id}/invites", Map.of("user_id", guest.id()), publicRoom).expectStatus().isCreated();
    }
}
