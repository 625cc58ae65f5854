package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.parley.testinfra.WsTestClient;

/** A slow client never slows the others: its bounded queue overflows, it is closed (1013) and counted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "parley.gateway.outbound-buffer=8")
class SlowClientIT extends GatewayIntegrationTest {

    @Test
    void aStalledClientIsClosedAndCountedWithoutSlowingTheOthers() {
        User ann = user("ann");
        User slow = user("slow");
        java.util.UUID room = room(ann, slow);
        try (WsTestClient annWs = connect(ann); WsTestClient slowWs = connect(slow)) {
            slowWs.pause();
            String text = "x".repeat(20_000);
            for (int i = 0; i < 600; i++) {
                messageEvent(room, ann, text);
            }
            // the healthy client gets everything, while the stalled one's queue overflows
            await().atMost(Duration.ofSeconds(60)).until(() -> annWs.framesOfType("message").size() == 600);
            await().atMost(Duration.ofSeconds(30)).until(() -> overflows() >= 1);
            slowWs.resume();
            await().atMost(Duration.ofSeconds(30)).until(() -> slowWs.closeCode() != null);
            assertThat(slowWs.closeCode()).isEqualTo(1013);
            assertThat(slowWs.framesOfType("message").size()).isLessThan(600);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double overflows() {
        return meters.counter("parley.ws.outbound.overflow").count();
    }

}
