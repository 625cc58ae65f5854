package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.Topics;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.events.EventTypes;
import dev.parley.testinfra.EventPublisher;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.TestInfra;
import dev.parley.testinfra.TestTokens;
import dev.parley.testinfra.WsTestClient;

class WebSocketProtocolIT extends GatewayIntegrationTest {

    @Test
    void authAnswersWithAuthResponseAndPingWithPong() {
        Caller alice = user("alice");
        try (WsTestClient ws = connect(alice)) {
            String response = ws.rawFramesOfType("auth_response").get(0);
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/auth_response.schema.json", response);
            JsonNode auth = ws.framesOfType("auth_response").get(0);
            assertThat(auth.get("success").asBoolean()).isTrue();
            assertThat(auth.get("user_id").asString()).isEqualTo(alice.id().toString());

            ws.send(Map.of("type", "ping", "timestamp", Instant.now().toString()));
            await().atMost(Duration.ofSeconds(5)).until(() -> !ws.framesOfType("pong").isEmpty());
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/pong.schema.json", ws.rawFramesOfType("pong").get(0));
        }
    }

    @Test
    void aMessageReachesTheRoomsMembersAndNobodyElse() {
        Caller alice = user("alice");
        Caller bob = user("bob");
        Caller eve = user("eve");
        UUID room = UUID.randomUUID();
        UUID evesRoom = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, room, alice, "owner", false);
        roomEvent(EventTypes.ROOM_JOIN, room, bob, "member", false);
        roomEvent(EventTypes.ROOM_CREATE, evesRoom, eve, "owner", false);
        awaitMember(room, bob);
        awaitMember(evesRoom, eve);

        try (WsTestClient bobWs = connect(bob); WsTestClient aliceWs = connect(alice); WsTestClient eveWs = connect(eve)) {
            EventEnvelope sent = messageEvent(room, alice, "Hello everyone!");
            await().atMost(Duration.ofSeconds(10)).until(() -> !bobWs.framesOfType("message").isEmpty()
                    && !aliceWs.framesOfType("message").isEmpty());

            String raw = bobWs.rawFramesOfType("message").get(0);
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/message.schema.json", raw);
            JsonNode frame = bobWs.framesOfType("message").get(0);
            assertThat(frame.get("event_id").asString()).isEqualTo(sent.eventId().toString());
            assertThat(frame.get("event_type").asString()).isEqualTo("event.message.send");
            assertThat(frame.get("room_id").asString()).isEqualTo(room.toString());
            assertThat(frame.get("message").get("content").asString()).isEqualTo("Hello everyone!");
            assertThat(frame.get("message").get("user").get("username").asString()).isEqualTo("alice");

            messageEvent(evesRoom, eve, "marker");
            await().atMost(Duration.ofSeconds(10)).until(() -> !eveWs.framesOfType("message").isEmpty());
            assertThat(eveWs.framesOfType("message")).extracting(n -> n.get("message").get("content").asString())
                    .containsExactly("marker");
        }
    }

    @Test
    void aMemberWhoLeavesStopsReceivingWithoutReconnecting() {
        Caller alice = user("alice");
        Caller bob = user("bob");
        UUID room = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, room, alice, "owner", false);
        roomEvent(EventTypes.ROOM_JOIN, room, bob, "member", false);
        awaitMember(room, bob);
        try (WsTestClient bobWs = connect(bob); WsTestClient aliceWs = connect(alice)) {
            roomEvent(EventTypes.ROOM_LEAVE, room, bob, "member", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !membership.isMember(room, bob.id()));
            messageEvent(room, alice, "after bob left");
            await().atMost(Duration.ofSeconds(10)).until(() -> !aliceWs.framesOfType("message").isEmpty());
            assertThat(bobWs.framesOfType("message")).isEmpty();
        }
    }

    @Test
    void badFramesGetErrorFramesAndTheSocketStaysOpen() {
        Caller carol = user("carol");
        Caller owner = user("owner");
        UUID privateRoom = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, privateRoom, owner, "owner", false);
        awaitMember(privateRoom, owner);
        try (WsTestClient ws = connect(carol)) {
            ws.send("{not json");
            ws.send(Map.of("no_type", 1));
            ws.send(Map.of("type", "teleport"));
            ws.send(Map.of("type", "join_room", "room_id", "not-a-uuid"));
            ws.send(Map.of("type", "join_room", "room_id", privateRoom.toString()));
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.framesOfType("error").size() == 5);

            ws.rawFramesOfType("error").forEach(f -> JsonSchemas.assertMatches("dev/parley/protocol/ws/server/error.schema.json", f));
            assertThat(ws.framesOfType("error")).extracting(n -> n.get("error_code").asString())
                    .containsExactly("VALIDATION_ERROR", "VALIDATION_ERROR", "VALIDATION_ERROR", "VALIDATION_ERROR",
                            "FORBIDDEN");
            assertThat(ws.framesOfType("error").get(4).get("details").get("room_id").asString())
                    .isEqualTo(privateRoom.toString());

            ws.send(Map.of("type", "ping"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !ws.framesOfType("pong").isEmpty());
            assertThat(ws.isOpen()).isTrue();
        }
    }

    @Test
    void framesBeforeAuthenticationAreRefused() {
        try (WsTestClient ws = WsTestClient.connect("ws://localhost:" + port + "/ws")) {
            ws.send(Map.of("type", "join_room", "room_id", UUID.randomUUID().toString()));
            await().atMost(Duration.ofSeconds(5)).until(() -> !ws.framesOfType("error").isEmpty());
            assertThat(ws.framesOfType("error").get(0).get("error_code").asString()).isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void aBadTokenGetsAFailedAuthResponseAndTheSocketIsClosed() {
        try (WsTestClient ws = WsTestClient.connect("ws://localhost:" + port + "/ws?token=garbage")) {
            ws.send(Map.of("type", "auth", "token", "garbage"));
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.closeCode() != null);
            assertThat(ws.framesOfType("auth_response").get(0).get("success").asBoolean()).isFalse();
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/auth_response.schema.json", ws.rawFramesOfType("auth_response").get(0));
            assertThat(ws.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void aSocketThatNeverAuthenticatesIsClosedAfterTheTimeout() {
        try (WsTestClient ws = WsTestClient.connect("ws://localhost:" + port + "/ws")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.closeCode() != null);
            assertThat(ws.closeCode()).isEqualTo(1008);
            assertThat(ws.closeReason()).isEqualTo("Authentication timeout");
        }
    }

    @Test
    void theHandshakeChecksTheOrigin() {
        Caller u = user("origin");
        assertThatThrownBy(() -> WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + u.token(),
                Map.of("Origin", "http://evil.example"))).hasStackTraceContaining("403");
        // exact: a look-alike host, another scheme or port is refused too (issue #14)
        for (String crafted : List.of("http://allowed.example.evil.example", "https://allowed.example",
                "http://allowed.example:8080")) {
            assertThatThrownBy(() -> WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + u.token(),
                    Map.of("Origin", crafted))).as(crafted).hasStackTraceContaining("403");
        }
        WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + u.token(),
                Map.of("Origin", "http://allowed.example")).close();
    }
}
