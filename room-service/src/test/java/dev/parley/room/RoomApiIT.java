package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.Topics;
import dev.parley.events.data.UserProfile;
import dev.parley.testinfra.EventPublisher;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.KafkaProbe;
import dev.parley.testinfra.TestInfra;
import dev.parley.testinfra.TestTokens;

class RoomApiIT extends RoomServiceIntegrationTest {

    private static String id(String body) {
        return json(body).get("data").get("id").asString();
    }

    @Test
    void creatingARoomMakesTheCallerItsOwnerAndPublishesTheRoomWithTheOwner() {
        Caller alice = stranger("alice");
        String roomId = createRoom(alice, Map.of("name", "General Chat", "description", "Main", "type", "group",
                "is_public", true, "max_members", 50));
        JsonNode room = json(body(get(alice, "/api/v1/rooms/{id}", roomId).expectStatus().isOk())).get("data");
        assertThat(room.get("created_by").asString()).isEqualTo(alice.id().toString());
        assertThat(room.get("member_count").asInt()).isEqualTo(1);

        EventEnvelope event = awaitEvent(room.get("id").asString(), EventTypes.ROOM_CREATE);
        assertThat(event.actorId()).isEqualTo(alice.id());
        assertThat(event.data().get("room").get("name").asString()).isEqualTo("General Chat");
        JsonNode member = event.data().get("member");
        assertThat(member.get("role").asString()).isEqualTo("owner");
        assertThat(member.get("user").get("username").asString()).isEqualTo("alice");
    }

    @Test
    void anotherUserJoinsAPublicRoomAndTheJoinIsPublished() {
        Caller owner = stranger("owner");
        Caller bob = stranger("bob");
        String roomId = (createRoom(owner, Map.of("name", "Open", "type", "public")));

        String body = http.post().uri("/api/v1/rooms/{id}/join", roomId).headers(h -> h.setBearerAuth(bob.token()))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/room.schema.json", body);
        assertThat(ParleyJson.mapper().readTree(body).get("data").get("member_count").asInt()).isEqualTo(2);

        EventEnvelope event = awaitEvent(roomId, EventTypes.ROOM_JOIN);
        assertThat(event.userId()).isEqualTo(bob.id());
        assertThat(event.data().get("member").get("role").asString()).isEqualTo("member");

        // joining again changes nothing and publishes nothing new
        http.post().uri("/api/v1/rooms/{id}/join", roomId).headers(h -> h.setBearerAuth(bob.token()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.member_count").isEqualTo(2);
    }

    @Test
    void aPrivateRoomCannotBeJoinedOrSeenByANonMember() {
        Caller owner = stranger("owner");
        Caller eve = stranger("eve");
        String roomId = (createRoom(owner, Map.of("name", "Secret", "type", "group", "is_public", false)));

        http.post().uri("/api/v1/rooms/{id}/join", roomId).headers(h -> h.setBearerAuth(eve.token()))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
        http.get().uri("/api/v1/rooms/{id}", roomId).headers(h -> h.setBearerAuth(eve.token()))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
        http.get().uri("/api/v1/rooms/{id}", roomId).headers(h -> h.setBearerAuth(owner.token()))
                .exchange().expectStatus().isOk();
    }

    @Test
    void aFullRoomRefusesAJoin() {
        Caller owner = stranger("owner");
        String roomId = (createRoom(owner, Map.of("name", "Tiny", "type", "public", "max_members", 2)));
        http.post().uri("/api/v1/rooms/{id}/join", roomId).headers(h -> h.setBearerAuth(stranger("a").token()))
                .exchange().expectStatus().isOk();
        http.post().uri("/api/v1/rooms/{id}/join", roomId).headers(h -> h.setBearerAuth(stranger("b").token()))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.error.code").isEqualTo("CONFLICT");
    }

    @Test
    void badInputGetsTheErrorEnvelope() {
        Caller c = stranger("carol");
        String body = http.post().uri("/api/v1/rooms").headers(h -> h.setBearerAuth(c.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "", "type", "castle", "max_members", 1, "avatar", "javascript:alert(1)"))
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/error.schema.json", body);
        assertThat(ParleyJson.mapper().readTree(body).get("error").get("details").valueStream()
                .map(d -> d.get("field").asString()).distinct())
                .containsExactlyInAnyOrder("name", "type", "max_members", "avatar");

        http.post().uri("/api/v1/rooms/{id}/join", "not-a-uuid").headers(h -> h.setBearerAuth(c.token()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.code")
                .isEqualTo("VALIDATION_ERROR");
        http.post().uri("/api/v1/rooms/{id}/join", UUID.randomUUID()).headers(h -> h.setBearerAuth(c.token()))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void requestsWithoutAValidTokenGet401() {
        String body = http.post().uri("/api/v1/rooms").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x")).exchange().expectStatus().isUnauthorized()
                .expectHeader().exists("WWW-Authenticate")
                .expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/error.schema.json", body);
        assertThat(body).contains("UNAUTHORIZED");

        http.post().uri("/api/v1/rooms").headers(h -> h.setBearerAuth("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x"))
                .exchange().expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHORIZED");
    }

    @Test
    void roomEventsCarryTheProfileLearnedFromUserEvents() {
        Caller dave = stranger("dave");
        Instant now = Instant.now();
        UserProfile profile = new UserProfile(dave.id(), "dave", "Dave the Brave", "https://example.com/d.png",
                "online", null, false, now, now);
        EventEnvelope created = Events.userCreated(profile);
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish(created);
            publisher.publish(created); // a redelivery
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String roomId = (createRoom(dave, Map.of("name", "Dave's", "type", "group")));
            EventEnvelope event = awaitEvent(roomId, EventTypes.ROOM_CREATE);
            assertThat(event.data().get("member").get("user").get("display_name").asString())
                    .isEqualTo("Dave the Brave");
            assertThat(event.data().get("member").get("user").get("avatar").asString())
                    .isEqualTo("https://example.com/d.png");
        });
    }
}
