package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.testinfra.JsonSchemas;

/** Who may change, delete, leave and manage members of a room. */
class RoomRulesIT extends RoomServiceIntegrationTest {

    @Test
    void ownerAndAdminsEditTheRoomAndTheEventCarriesOnlyTheChanges() {
        Caller owner = caller("owner");
        Caller admin = caller("admin");
        Caller member = caller("member");
        String room = privateRoom(owner);
        post(owner, "/api/v1/rooms/{id}/members", Map.of("user_id", admin.id(), "role", "admin"), room)
                .expectStatus().isCreated();
        post(owner, "/api/v1/rooms/{id}/members", Map.of("user_id", member.id()), room).expectStatus().isCreated();

        patch(member, "/api/v1/rooms/{id}", Map.of("name", "Mine now"), room).expectStatus().isForbidden();
        String body = body(patch(admin, "/api/v1/rooms/{id}", Map.of("name", "Renamed", "description", "New"), room)
                .expectStatus().isOk());
        JsonSchemas.assertMatches("schemas/api/room.schema.json", body);

        EventEnvelope update = awaitEvent(room, EventTypes.ROOM_UPDATE);
        assertThat(update.data().get("changes").propertyNames()).containsExactlyInAnyOrder("name", "description");
        assertThat(update.data().get("changes").get("name").asString()).isEqualTo("Renamed");
        assertThat(update.data().get("updated_by").asString()).isEqualTo(admin.id().toString());

        String invalid = body(patch(owner, "/api/v1/rooms/{id}", Map.of("max_members", 1, "type", "public",
                "name", ""), room).expectStatus().isBadRequest());
        assertThat(json(invalid).get("error").get("details").valueStream().map(d -> d.get("field").asString()))
                .containsExactlyInAnyOrder("max_members", "type", "name");
        patch(owner, "/api/v1/rooms/{id}", Map.of("max_members", 2), room).expectStatus().isBadRequest();
    }

    @Test
    void aUserCreatesAtMostTheLimitOfRoomsPerWindow() {
        Caller busy = caller("busy");
        // 30 per hour by default, taken atomically: 40 attempts at once admit exactly 30
        java.util.List<Integer> statuses = java.util.stream.IntStream.range(0, 40).parallel()
                .mapToObj(i -> post(busy, "/api/v1/rooms", Map.of("name", "Room " + i, "type", "group"))
                        .returnResult(String.class).getStatus().value())
                .toList();
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(30);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(10);
        post(busy, "/api/v1/rooms", Map.of("name", "One more", "type", "group")).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.error.code").isEqualTo("RATE_LIMITED");
        privateRoom(caller("calm")); // nobody else is affected
    }

    @Test
    void onlyTheOwnerDeletesAndNonMembersDoNotEvenSeeAPrivateRoom() {
        Caller owner = caller("owner");
        Caller admin = caller("admin");
        Caller outsider = caller("outsider");
        String room = privateRoom(owner);
        post(owner, "/api/v1/rooms/{id}/members", Map.of("user_id", admin.id(), "role", "admin"), room)
                .expectStatus().isCreated();

        delete(outsider, "/api/v1/rooms/{id}", room).expectStatus().isNotFound();
        get(outsider, "/api/v1/rooms/{id}/members", room).expectStatus().isNotFound();
        patch(outsider, "/api/v1/rooms/{id}", Map.of("name", "x"), room).expectStatus().isNotFound();
        delete(admin, "/api/v1/rooms/{id}", room).expectStatus().isForbidden();
        delete(owner, "/api/v1/rooms/{id}", room).expectStatus().isOk();
        assertThat(awaitEvent(room, EventTypes.ROOM_DELETE).data().get("deleted_by").asString())
                .isEqualTo(owner.id().toString());
        get(owner, "/api/v1/rooms/{id}", room).expectStatus().isNotFound();
    }

    @Test
    void theOwnerCannotLeaveWhileOthersRemainButTheLastOwnerLeavingDeletesTheRoom() {
        Caller owner = caller("owner");
        Caller member = caller("member");
        String room = publicRoom(owner);
        post(member, "/api/v1/rooms/{id}/join", null, room).expectStatus().isOk();

        post(owner, "/api/v1/rooms/{id}/leave", null, room).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("transfer"));
        post(member, "/api/v1/rooms/{id}/leave", null, room).expectStatus().isOk();
        assertThat(awaitEvent(room, EventTypes.ROOM_LEAVE).userId()).isEqualTo(member.id());
        post(member, "/api/v1/rooms/{id}/leave", null, room).expectStatus().isForbidden();

        post(owner, "/api/v1/rooms/{id}/leave", null, room).expectStatus().isOk();
        awaitEvent(room, EventTypes.ROOM_DELETE);
        get(owner, "/api/v1/rooms/{id}", room).expectStatus().isNotFound();
    }

    @Test
    void adminsManageMembersButNotTheOwnerOrOtherAdmins() {
        Caller owner = caller("owner");
        Caller admin = caller("admin");
        Caller admin2 = caller("admin2");
        Caller member = caller("member");
        Caller newcomer = caller("newcomer");
        String room = privateRoom(owner);
        post(owner, "/api/v1/rooms/{id}/members", Map.of("user_id", admin.id(), "role", "admin"), room).expectStatus().isCreated();
        post(owner, "/api/v1/rooms/{id}/members", Map.of("user_id", admin2.id(), "role", "admin"), room).expectStatus().isCreated();
        post(admin, "/api/v1/rooms/{id}/members", Map.of("user_id", member.id(), "role", "member"), room).expectStatus().isCreated();
        EventEnvelope added = awaitEvent(room, EventTypes.ROOM_MEMBER_ADD);
        assertThat(added.data().get("member").get("user").get("username").asString()).isNotBlank();

        post(admin, "/api/v1/rooms/{id}/members", Map.of("user_id", newcomer.id(), "role", "admin"), room)
                .expectStatus().isForbidden();
        post(member, "/api/v1/rooms/{id}/members", Map.of("user_id", newcomer.id()), room).expectStatus().isForbidden();
        post(admin, "/api/v1/rooms/{id}/members", Map.of("user_id", member.id()), room).expectStatus().isEqualTo(409);
        post(admin, "/api/v1/rooms/{id}/members", Map.of("user_id", java.util.UUID.randomUUID()), room)
                .expectStatus().isNotFound();
        post(admin, "/api/v1/rooms/{id}/members", Map.of("user_id", "nope"), room).expectStatus().isBadRequest();

        delete(admin, "/api/v1/rooms/{id}/members/{u}", room, owner.id()).expectStatus().isForbidden();
        delete(admin, "/api/v1/rooms/{id}/members/{u}", room, admin2.id()).expectStatus().isForbidden();
        patch(admin, "/api/v1/rooms/{id}/members/{u}", Map.of("role", "member"), room, admin2.id()).expectStatus().isForbidden();
        delete(admin, "/api/v1/rooms/{id}/members/{u}", room, member.id()).expectStatus().isOk();
        assertThat(awaitEvent(room, EventTypes.ROOM_MEMBER_REMOVE).userId()).isEqualTo(member.id());
        delete(owner, "/api/v1/rooms/{id}/members/{u}", room, admin2.id()).expectStatus().isOk();

        String members = body(get(admin, "/api/v1/rooms/{id}/members", room).expectStatus().isOk());
        JsonNode list = json(members).get("data").get("members");
        assertThat(list.valueStream().map(m -> m.get("role").asString())).containsExactly("owner", "admin");
        assertThat(list.get(0).get("user").get("status")).isNotNull();
        assertThat(json(members).get("pagination").get("total").asInt()).isEqualTo(2);
    }

    @Test
    void theOwnerChangesRolesAndCanTransferOwnership() {
        Caller owner = caller("owner");
        Caller heir = caller("heir");
        String room = privateRoom(owner);
        post(owner, "/api/v1/rooms/{id}/members", Map.of("user_id", heir.id()), room).expectStatus().isCreated();

        patch(owner, "/api/v1/rooms/{id}/members/{u}", Map.of("role", "admin"), room, heir.id()).expectStatus().isOk()
                .expectBody().jsonPath("$.data.role").isEqualTo("admin");
        EventEnvelope promoted = awaitEvent(room, EventTypes.ROOM_MEMBER_ROLE_UPDATE);
        assertThat(promoted.data().get("previous_role").asString()).isEqualTo("member");
        patch(owner, "/api/v1/rooms/{id}/members/{u}", Map.of("role", "king"), room, heir.id()).expectStatus().isBadRequest();

        patch(owner, "/api/v1/rooms/{id}/members/{u}", Map.of("role", "owner"), room, heir.id()).expectStatus().isOk();
        JsonNode members = json(body(get(heir, "/api/v1/rooms/{id}/members", room).expectStatus().isOk()))
                .get("data").get("members");
        assertThat(members.get(0).get("user_id").asString()).isEqualTo(heir.id().toString());
        assertThat(members.get(0).get("role").asString()).isEqualTo("owner");
        assertThat(members.get(1).get("role").asString()).isEqualTo("admin");
        // the former owner may now leave
        post(owner, "/api/v1/rooms/{id}/leave", null, room).expectStatus().isOk();
    }
}
