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
        "parley.gateway.max-frame-bytes=1024"})
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
            for (int i = 0; i < 40 && ws.closeCode() == null; i++) {
                ws.send(Map.of("type", "ping"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.closeCode() != null);
            assertThat(ws.closeCode()).isEqualTo(1008);
            assertThat(ws.closeReason()).isEqualTo("Rate limit exceeded");
        }
    }
}
