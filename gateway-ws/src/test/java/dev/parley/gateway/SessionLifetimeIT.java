package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.parley.testinfra.Events;
import dev.parley.testinfra.WsTestClient;

/**
 * A socket lives no longer than its login session and its token (issue #14, ADR 0015): a session revoked on
 * {@code session.revocation} closes its sockets (1008 "Session ended") and its token opens no new one; a token that
 * expires closes its socket (4001 "Token expired") unless an {@code auth} frame with a fresh token renewed it.
 */
class SessionLifetimeIT extends GatewayIntegrationTest {

    private WsTestClient open(String token) {
        WsTestClient ws = WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + token);
        ws.send(Map.of("type", "auth", "token", token));
        await().atMost(Duration.ofSeconds(10)).until(() -> !ws.framesOfType("auth_response").isEmpty());
        assertThat(ws.framesOfType("auth_response").get(0).get("success").asBoolean()).isTrue();
        return ws;
    }

    @Test
    void aRevokedSessionsSocketsAreClosedAndItsTokenOpensNoOtherWhileTheUsersOtherSessionGoesOn() {
        UUID id = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String endedToken = tokens.token(id, "sam", "Sam", ended, Duration.ofMinutes(15));
        String otherToken = tokens.token(id, "sam", "Sam", other, Duration.ofMinutes(15));
        Caller sam = new Caller(id, "sam", otherToken);
        Caller owner = user("owner");
        UUID room = room(owner, sam);
        try (WsTestClient phone = open(endedToken); WsTestClient laptop = open(endedToken);
                WsTestClient tablet = open(otherToken)) {
            publisher.publish(Events.sessionRevoked(id, ended));

            await().atMost(Duration.ofSeconds(2)).until(() -> !phone.isOpen() && !laptop.isOpen());
            assertThat(phone.closeCode()).isEqualTo(1008);
            assertThat(phone.closeReason()).isEqualTo("Session ended");
            assertThat(laptop.closeCode()).isEqualTo(1008);

            // the session of another device is not affected
            messageEvent(room, owner, "still here?");
            await().atMost(Duration.ofSeconds(10)).until(() -> !tablet.framesOfType("message").isEmpty());
            assertThat(tablet.isOpen()).isTrue();

            // the ended session's token opens no new socket
            try (WsTestClient again = WsTestClient.connect("ws://localhost:" + port + "/ws")) {
                again.send(Map.of("type", "auth", "token", endedToken));
                await().atMost(Duration.ofSeconds(10)).until(() -> !again.isOpen());
                assertThat(again.framesOfType("auth_response").get(0).get("success").asBoolean()).isFalse();
                assertThat(again.closeCode()).isEqualTo(1008);
            }
        }
    }

    @Test
    void aSocketWhoseTokenExpiresIsClosed() {
        UUID id = UUID.randomUUID();
        String shortLived = tokens.token(id, "tim", "Tim", UUID.randomUUID(), Duration.ofSeconds(2));
        try (WsTestClient ws = open(shortLived)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !ws.isOpen());
            assertThat(ws.closeCode()).isEqualTo(4001);
            assertThat(ws.closeReason()).isEqualTo("Token expired");
        }
    }

    @Test
    void anAuthFrameWithAFreshTokenBeforeExpiryKeepsTheSocketOpen() {
        UUID id = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String shortLived = tokens.token(id, "ada", "Ada", session, Duration.ofSeconds(2));
        try (WsTestClient ws = open(shortLived)) {
            ws.send(Map.of("type", "auth", "token", tokens.token(id, "ada", "Ada", session, Duration.ofMinutes(15))));
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.framesOfType("auth_response").size() == 2);
            assertThat(ws.framesOfType("auth_response").get(1).get("success").asBoolean()).isTrue();
            // past the first token's exp and a sweep after it, the socket is still open and answering
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(ws::isOpen);
            ws.send(Map.of("type", "ping"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !ws.framesOfType("pong").isEmpty());
        }
    }
}
