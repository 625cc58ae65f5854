package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.boot.test.context.SpringBootTest;

import dev.parley.testinfra.WsTestClient;

/**
 * A slow client never slows the others: its bounded queue overflows, it is closed (1013) and counted; when it
 * comes back with {@code resume} it gets everything it missed, even through its small queue (the replay waits for it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.gateway.outbound-buffer=8", "parley.gateway.history.frames-per-room=1000"})
class SlowClientIT extends GatewayIntegrationTest {

    @Test
    void aStalledClientIsClosedAndCountedWithoutSlowingTheOthers() {
        Caller ann = user("ann");
        Caller slow = user("slow");
        java.util.UUID room = room(ann, slow);
        try (WsTestClient annWs = connected(ann); WsTestClient slowWs = connected(slow)) {
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

    @Test
    void aClientClosedAsTooSlowResumesWithNothingLost() {
        Caller ann = user("ann");
        Caller slow = user("slow");
        java.util.UUID room = room(ann, slow);
        String text = "x".repeat(20_000);
        try (WsTestClient annWs = connected(ann); WsTestClient slowWs = connected(slow)) {
            slowWs.pause();
            double before = overflows();
            for (long seq = 1; seq <= 600; seq++) {
                publisher.publish(dev.parley.testinfra.Events.messageSent(room, ann.who(), text).withSeq(seq));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> annWs.framesOfType("message").size() == 600);
            await().atMost(Duration.ofSeconds(30)).until(() -> overflows() > before);
            slowWs.resume();
            await().atMost(Duration.ofSeconds(30)).until(() -> slowWs.closeCode() != null);
            assertThat(slowWs.closeCode()).isEqualTo(1013);
            java.util.List<Long> first = slowWs.framesOfType("message").stream().map(f -> f.get("seq").asLong()).toList();
            long last = first.isEmpty() ? 0 : first.get(first.size() - 1);

            try (WsTestClient again = WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + slow.token())) {
                again.send(java.util.Map.of("type", "auth", "token", slow.token(), "resume",
                        java.util.Map.of("rooms", java.util.Map.of(room.toString(), last))));
                await().atMost(Duration.ofSeconds(30)).until(() -> !again.framesOfType("resume_complete").isEmpty());
                java.util.List<Long> rest = again.framesOfType("message").stream().map(f -> f.get("seq").asLong())
                        .toList();
                JsonNode result = again.framesOfType("resume_complete").get(0).get("rooms").get(room.toString());
                assertThat(result.get("recovered").asBoolean()).as(result.toString() + " after " + last).isTrue();
                assertThat(rest).containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(last + 1, 600).boxed().toList());
            }
        }
    }

    @Test
    void aClientThatStallsWhileItsFirstEventsAreHeldIsClosedToo() {
        Caller ann = user("ann");
        Caller slow = user("slow");
        java.util.UUID room = room(ann, slow);
        try (WsTestClient slowWs = connect(slow)) {
            slowWs.pause(); // before its hold ends: what is held cannot drain
            double before = overflows();
            String text = "x".repeat(20_000);
            for (int i = 0; i < 600; i++) {
                messageEvent(room, ann, text);
            }
            await().atMost(Duration.ofSeconds(45)).until(() -> overflows() > before);
            slowWs.resume();
            await().atMost(Duration.ofSeconds(30)).until(() -> slowWs.closeCode() != null);
            assertThat(slowWs.closeCode()).isEqualTo(1013);
        }
    }

    /** Connected and past the moment after auth in which events wait for a resume (a ping ends it). */
    private WsTestClient connected(Caller u) {
        WsTestClient ws = connect(u);
        ws.send(java.util.Map.of("type", "ping"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !ws.framesOfType("pong").isEmpty());
        return ws;
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;


    private double overflows() {
        return meters.counter("parley.ws.outbound.overflow").count();
    }

}
