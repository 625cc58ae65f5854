package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.annotation.DirtiesContext;

import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.WsTestClient;

/** SIGTERM: clients are told, their sockets closed with "going away", and no new socket is accepted. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ShutdownIT extends GatewayIntegrationTest {

    /** The gateway's shutdown lifecycle (ws.GatewayShutdown, package-private). */
    @Autowired
    @Qualifier("gatewayShutdown")
    SmartLifecycle shutdown;

    @Test
    void onShutdownEveryClientIsToldAndClosedWithGoingAway() {
        WsTestClient ann = connect(user("ann"));
        WsTestClient bob = connect(user("bob"));

        shutdown.stop();

        for (WsTestClient ws : new WsTestClient[] {ann, bob}) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.closeCode() != null);
            assertThat(ws.framesOfType("notification")).hasSize(1);
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/notification.schema.json", ws.rawFramesOfType("notification").get(0));
            assertThat(ws.framesOfType("notification").get(0).get("notification_type").asString()).isEqualTo("shutdown");
            assertThat(ws.closeCode()).isEqualTo(1001);
            assertThat(ws.closeReason()).isEqualTo("Server shutting down");
        }
        WsTestClient late = WsTestClient.connect("ws://localhost:" + port + "/ws");
        await().atMost(Duration.ofSeconds(10)).until(() -> late.closeCode() != null);
        assertThat(late.closeCode()).isEqualTo(1001);
    }
}
