package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventHeaders;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.Topics;
import dev.parley.testinfra.KafkaProbe;
import dev.parley.testinfra.WsTestClient;

/** Typing has one owner, the gateway (ADR 0018): its REST endpoints and a socket's frames share one timer. */
@AutoConfigureWebTestClient(timeout = "30s")
class TypingIT extends GatewayIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void typingOverRestIsPublishedByTheGatewayAndAStartExpiresByItself() {
        Caller ann = user("ann");
        Caller eve = user("eve");
        UUID room = room(ann);
        try (KafkaProbe probe = KafkaProbe.open(Topics.TYPING)) {
            JsonNode body = json(post(ann.token(), "/api/v1/rooms/" + room + "/typing/start").expectStatus().isOk());
            assertThat(body.get("success").asBoolean()).isTrue();
            assertThat(body.get("message").asString()).isEqualTo("Typing started");
            assertThat(body.get("data").get("room_id").asString()).isEqualTo(room.toString());
            assertThat(body.get("data").get("user").get("username").asString()).isEqualTo("ann");
            assertThat(body.get("data").get("expires_at").isNull()).isFalse();

            // no stop was sent: the start expires (typing-timeout is 1 s in these tests)
            await().atMost(Duration.ofSeconds(10)).until(() -> types(probe, room).equals(
                    List.of(EventTypes.USER_TYPING_START, EventTypes.USER_TYPING_STOP)));
            ConsumerRecord<String, String> start = records(probe, room).get(0);
            assertThat(header(start, EventHeaders.CE_SOURCE)).isEqualTo("/parley/gateway-ws");

            assertThat(json(post(eve.token(), "/api/v1/rooms/" + room + "/typing/start")
                    .expectStatus().isForbidden()).get("error").get("code").asString()).isEqualTo("FORBIDDEN");
            post(null, "/api/v1/rooms/" + room + "/typing/start").expectStatus().isUnauthorized();
            assertThat(json(post(ann.token(), "/api/v1/rooms/not-a-room/typing/stop").expectStatus().isBadRequest())
                    .get("error").get("details").get(0).get("field").asString()).isEqualTo("room_id");
        }
    }

    @Test
    void aStopOverRestEndsAStartFromASocketAndNothingExpiresAfterIt() {
        Caller ann = user("ann");
        UUID room = room(ann);
        try (KafkaProbe probe = KafkaProbe.open(Topics.TYPING); WsTestClient annWs = connect(ann)) {
            annWs.send(Map.of("type", "typing_start", "room_id", room.toString()));
            await().atMost(Duration.ofSeconds(10)).until(() -> types(probe, room).size() == 1);
            post(ann.token(), "/api/v1/rooms/" + room + "/typing/stop").expectStatus().isOk();

            // one timer per user and room: the socket's start is stopped once, by the REST stop, not again at expiry
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10)).until(() -> types(probe, room)
                    .equals(List.of(EventTypes.USER_TYPING_START, EventTypes.USER_TYPING_STOP)));
        }
    }

    private WebTestClient.ResponseSpec post(String token, String uri) {
        return http.post().uri(uri).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
        }).exchange();
    }

    private static JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return ParleyJson.mapper().readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static List<ConsumerRecord<String, String>> records(KafkaProbe probe, UUID room) {
        return probe.records(r -> room.toString().equals(r.key()));
    }

    private static List<String> types(KafkaProbe probe, UUID room) {
        return records(probe, room).stream().map(r -> header(r, EventHeaders.CE_TYPE)).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
