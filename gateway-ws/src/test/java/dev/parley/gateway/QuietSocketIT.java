package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.parley.testinfra.WsTestClient;

/**
 * The HTTP bounds on slow clients (issue #14: a request body's pauses and length, a kept-alive connection's idle
 * time) are for requests, not for a WebSocket: a socket that only listens lives until the gateway's own idle
 * timeout ({@code parley.gateway.idle-timeout}, which its pings reset), however quiet it is under those bounds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.http.read-timeout=1s", "parley.http.request-timeout=2s", "parley.http.idle-timeout=1s"})
class QuietSocketIT extends GatewayIntegrationTest {

    @Test
    void aSocketThatOnlyListensOutlivesTheHttpBounds() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        UUID room = room(ann, bob);
        try (WsTestClient bobWs = connect(bob)) {
            // silent for twice the longest HTTP bound: the socket stays open
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> bobWs.closeCode() == null);
            messageEvent(room, ann, "still there?");
            await().atMost(Duration.ofSeconds(10)).until(() -> !bobWs.framesOfType("message").isEmpty());
            assertThat(bobWs.closeCode()).isNull();
        }
    }
}
