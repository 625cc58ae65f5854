package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.parley.testinfra.WsTestClient;

/** Sockets that go silent or flood are closed with a clear code and reason. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.gateway.idle-timeout=2s",
        "parley.gateway.frames-per-second=5",
        "parley.gateway.max-frame-bytes=1024",
        "parley.gateway.max-sockets-per-user=3"})
class LimitsIT extends GatewayIntegrationTest {

    @Test
    void aSilentSocketIsClosedAfterTheIdleTimeout() {
        try (WsTestClient ws = connect(user("quiet"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.closeCode() != null);
            assertThat(ws.closeCode()).isEqualTo(1000);
            assertThat(ws.closeReason()).isEqualTo("Idle timeout");
        }
    }

    @Test
    void aUserHoldsAtMostMaxSocketsPerUser() {
        Caller many = user("many");
        WsTestClient first = connect(many);
        try (WsTestClient second = connect(many); WsTestClient third = connect(many);
                WsTestClient fourth = WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + many.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fourth.closeCode() != null);
            assertThat(fourth.closeCode()).isEqualTo(1008);
            assertThat(fourth.closeReason()).isEqualTo("Too many connections");
            assertThat(second.isOpen()).isTrue();
            // another user is not affected, and a place freed is a place again
            try (WsTestClient other = connect(user("other"))) {
                assertThat(other.framesOfType("auth_response").get(0).get("success").asBoolean()).isTrue();
            }
            first.close();
            // until the gateway has seen the first one go (a refused attempt's socket is closed under it)
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                try (WsTestClient again = WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + many.token())) {
                    again.send(Map.of("type", "auth", "token", many.token()));
                    await().atMost(Duration.ofSeconds(5)).until(() -> !again.framesOfType("auth_response").isEmpty()
                            || again.closeCode() != null);
                    return again.closeCode() == null
                            && again.framesOfType("auth_response").get(0).get("success").asBoolean();
                }
            });
        }
    }

    @Test
    void aFrameOverTheSizeLimitClosesTheSocket() {
        try (WsTestClient ws = connect(user("big"))) {
            ws.send(Map.of("type", "ping", "padding", "x".repeat(4000)));
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.closeCode() != null);
            assertThat(ws.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aClientOverItsFrameRateIsClosed() {
        try (WsTestClient ws = connect(user("noisy"))) {
            // one tight burst over the limit (bursts of 10 here, auth included), then silence: frames written long
            // after the server has closed would make its TCP stack reset the connection, and the close frame (the
            // code under test) would be lost to the reset
            try {
                for (int i = 0; i < 14; i++) {
                    ws.send(Map.of("type", "ping"));
                }
            } catch (java.util.concurrent.CompletionException closedAlready) {
                // the server closed while the burst was still being written
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.closeCode() != null);
            assertThat(ws.closeCode()).isEqualTo(1008);
            assertThat(ws.closeReason()).isEqualTo("Rate limit exceeded");
        }
    }
}
