package dev.parley.gateway;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.parley.gateway.ws.ConnectionRegistry;
import dev.parley.testinfra.WsTestClient;

/** Whatever a socket was sent and however it ended, its user holds no socket of it afterwards. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SocketCleanupIT extends GatewayIntegrationTest {

    @Autowired
    ConnectionRegistry registry;

    @Test
    void everySocketIsForgottenWhenItEnds() {
        List<String> frames = List.of("", "{", "[]", "null", "123", "{\"type\":\"nope\"}", "{\"type\":\"join_room\"}",
                "{\"type\":\"resume\",\"rooms\":\"x\"}", "{\"type\":\"auth\",\"token\":123}", "{\"type\":\"auth\"}",
                "{\"type\":\"auth\",\"token\":\"x.y.z\"}", "{\"type\":\"ping\"}",
                "{\"type\":\"ping\",\"nested\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
        Caller u = user("cleanup");
        for (String frame : frames) {
            try (WsTestClient ws = connect(u)) {
                ws.send(frame);
                ws.send(Map.of("type", "ping"));
                await().atMost(Duration.ofSeconds(10)).until(() -> !ws.framesOfType("pong").isEmpty()
                        || ws.closeCode() != null);
            }
            await().alias("after " + frame.substring(0, Math.min(frame.length(), 40)))
                    .atMost(Duration.ofSeconds(5)).until(() -> registry.connectionsOf(u.id()) == 0); // not at the 10 s auth deadline
        }
    }
}
