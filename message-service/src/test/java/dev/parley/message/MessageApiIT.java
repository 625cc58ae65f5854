package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.Topics;
import dev.parley.testinfra.EventPublisher;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.KafkaProbe;
import dev.parley.testinfra.TestInfra;
import dev.parley.testinfra.TestTokens;

class MessageApiIT extends MessageServiceIntegrationTest {

    static void roomEvent(String type, UUID roomId, Caller who, String role, String roomType) {
        member(type, roomId, who, role, roomType);
    }

    @Test
    void aMemberSendsAMessageAndItIsPublishedWithTheWholeMessageObject() {
        Caller alice = caller("alice");
        UUID room = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, room, alice, "owner", "group");
        awaitMember(alice, room);

        String body = send(alice, Map.of("room_id", room, "content", "Hello everyone!", "type", "text"))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        JsonNode message = ParleyJson.mapper().readTree(body).get("data");
        JsonSchemas.assertMatches("schemas/api/message.schema.json", message.toString());
        assertThat(message.get("content").asString()).isEqualTo("Hello everyone!");
        assertThat(message.get("user").get("username").asString()).isEqualTo(alice.name());
        assertThat(message.get("user").get("display_name").asString()).isEqualTo("Name " + alice.name());

        await().atMost(Duration.ofSeconds(20)).until(() -> !probe.records(r -> room.toString().equals(r.key())).isEmpty());
        var record = probe.records(r -> room.toString().equals(r.key())).get(0);
        assertThat(KafkaProbe.header(record, "event_type")).isEqualTo(EventTypes.MESSAGE_SEND);
        JsonSchemas.assertMatches("dev/parley/events/schema/envelope.schema.json", record.value());
        JsonNode data = ParleyJson.mapper().readTree(record.value()).get("data");
        JsonSchemas.assertMatches("schemas/api/message.schema.json", data.toString());
        assertThat(data).isEqualTo(message);
    }

    @Test
    void aNonMemberCannotSendOrReadAndNothingIsPublished() {
        Caller owner = caller("owner");
        Caller eve = caller("eve");
        UUID room = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, room, owner, "owner", "group");
        awaitMember(owner, room);

        send(eve, Map.of("room_id", room, "content", "let me in")).expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
        http.get().uri("/api/v1/rooms/{id}/messages", room).headers(h -> h.setBearerAuth(eve.token()))
                .exchange().expectStatus().isForbidden();
        send(eve, Map.of("room_id", UUID.randomUUID(), "content", "unknown room")).expectStatus().isForbidden();

        send(owner, Map.of("room_id", room, "content", "marker")).expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(20)).until(() -> !probe.records(r -> room.toString().equals(r.key())).isEmpty());
        assertThat(probe.records(r -> room.toString().equals(r.key()))).hasSize(1);
    }

    @Test
    void aMemberWhoLeftIsRefusedAtOnce() {
        Caller bob = caller("bob");
        UUID room = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, room, bob, "owner", "group");
        awaitMember(bob, room);
        roomEvent(EventTypes.ROOM_LEAVE, room, bob, "owner", "group");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                send(bob, Map.of("room_id", room, "content", "still here?")).expectStatus().isForbidden());
    }

    @Test
    void historyPagesFromTheNewestWithTheGuidesPagination() {
        Caller carol = caller("carol");
        UUID room = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, room, carol, "owner", "group");
        // the same event delivered twice must not matter
        awaitMember(carol, room);
        for (String text : List.of("one", "two", "three")) {
            send(carol, Map.of("room_id", room, "content", text)).expectStatus().isCreated();
        }

        String body = http.get().uri("/api/v1/rooms/{id}/messages?page=1&limit=2", room)
                .headers(h -> h.setBearerAuth(carol.token())).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode tree = ParleyJson.mapper().readTree(body);
        assertThat(tree.get("success").asBoolean()).isTrue();
        assertThat(tree.get("data").get("messages").valueStream().map(m -> m.get("content").asString()))
                .containsExactly("two", "three");
        tree.get("data").get("messages").forEach(m ->
                JsonSchemas.assertMatches("schemas/api/message.schema.json", m.toString()));
        assertThat(tree.get("pagination").toString())
                .isEqualTo("{\"page\":1,\"limit\":2,\"total\":3,\"total_pages\":2}");

        http.get().uri("/api/v1/rooms/{id}/messages?page=2&limit=2", room)
                .headers(h -> h.setBearerAuth(carol.token())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.messages[0].content").isEqualTo("one");
        http.get().uri("/api/v1/rooms/{id}/messages?page=0&limit=500", room)
                .headers(h -> h.setBearerAuth(carol.token())).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details.length()").isEqualTo(2);
    }

    @Test
    void badMessagesGetValidationErrorsNamingTheFields() {
        Caller dan = caller("dan");
        UUID room = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, room, dan, "owner", "group");
        roomEvent(EventTypes.ROOM_CREATE, other, dan, "owner", "group");
        awaitMember(dan, room);
        awaitMember(dan, other);

        String body = send(dan, Map.of("content", "x".repeat(4001), "type", "video"))
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/error.schema.json", body);
        assertThat(ParleyJson.mapper().readTree(body).get("error").get("details").valueStream()
                .map(d -> d.get("field").asString())).containsExactlyInAnyOrder("room_id", "content", "type");

        send(dan, Map.of("room_id", room, "content", "   ")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details[0].field").isEqualTo("content");
        send(dan, Map.of("room_id", room, "content", "bell\u0007")).expectStatus().isBadRequest();
        send(dan, Map.of("room_id", "not-a-uuid", "content", "x")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");

        String elsewhere = ParleyJson.mapper().readTree(send(dan, Map.of("room_id", other, "content", "there"))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody())
                .get("data").get("id").asString();
        send(dan, Map.of("room_id", room, "content", "re", "reply_to", elsewhere)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details[0].field").isEqualTo("reply_to");
    }

    @Test
    void withoutATokenEverythingIs401() {
        http.post().uri("/api/v1/messages").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("room_id", UUID.randomUUID(), "content", "x"))
                .exchange().expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHORIZED");
        http.get().uri("/api/v1/rooms/{id}/messages", UUID.randomUUID()).exchange().expectStatus().isUnauthorized();
    }
}
