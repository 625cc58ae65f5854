package dev.parley.message;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.Topics;
import dev.parley.events.data.UserProfile;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.KafkaProbe;
import dev.parley.testinfra.ServiceIntegrationTest;
import dev.parley.testinfra.TestInfra;

/**
 * One running message-service (real PostgreSQL and Kafka) shared by its integration tests. Rooms and members come
 * from events published the way room-service and auth-service publish them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.messages.send-limit=30",
        "parley.messages.send-concurrency=8",
        "parley.messages.membership-wait=5s", // a cold CI JVM is slow; the production 1.5 s is for warm ones
        "parley.messages.max-file-size=256KB",
        "parley.messages.storage-quota=1MB",
        "parley.messages.denied-types=application/x-sh",
        "parley.messages.file-sweep-interval=1s",
        "spring.webflux.multipart.max-disk-usage-per-part=1MB"})
@AutoConfigureWebTestClient(timeout = "30s") // a slow first request on a cold, busy CI machine is not a failure
abstract class MessageServiceIntegrationTest extends ServiceIntegrationTest {

    static KafkaProbe probe;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) throws Exception {
        TestInfra.register(registry, "message");
        trustTestTokens(registry);
        String files = Files.createTempDirectory("parley-files").toString();
        registry.add("parley.messages.files-dir", () -> files);
    }

    @BeforeAll
    static void open() {
        if (probe == null) {
            probe = KafkaProbe.open(Topics.MESSAGE, Topics.NOTIFICATION);
        }
    }

    @Autowired
    WebTestClient http;

    static Caller caller(String name) {
        UUID id = UUID.randomUUID();
        return caller(id, name + "_" + id.toString().substring(0, 6));
    }

    /** Publishes the user's registration as auth-service would. */
    static void registered(Caller c) {
        Instant now = Instant.now();
        publisher.publish(Events.userCreated(new UserProfile(c.id(), c.name(), "Name " + c.name(), null, "online",
                null, false, now, now)));
    }

    /** Publishes what room-service publishes when the user creates or joins a room. */
    static void member(String type, UUID roomId, Caller who, String role, String roomType) {
        publisher.publish(Events.membership(type, roomId, who.who(), role, roomType, "public".equals(roomType)));
    }

    /** A room created by {@code owner} with the others as members, once message-service knows all of them. */
    UUID room(String roomType, Caller owner, Caller... members) {
        UUID room = UUID.randomUUID();
        member(EventTypes.ROOM_CREATE, room, owner, "owner", roomType);
        for (Caller m : members) {
            member(EventTypes.ROOM_JOIN, room, m, "member", roomType);
        }
        awaitMember(owner, room);
        for (Caller m : members) {
            awaitMember(m, room);
        }
        return room;
    }

    void awaitMember(Caller c, UUID roomId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get().uri("/api/v1/rooms/{id}/messages", roomId)
                .headers(h -> h.setBearerAuth(c.token())).exchange().returnResult(String.class)
                .getStatus().value() == 200);
    }

    WebTestClient.ResponseSpec send(Caller c, Object body) {
        return http.post().uri("/api/v1/messages").headers(h -> h.setBearerAuth(c.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Sends a text message and returns the Message object. */
    JsonNode say(Caller c, UUID room, String text) {
        return json(body(send(c, java.util.Map.of("room_id", room, "content", text)).expectStatus().isCreated()))
                .get("data");
    }

    /** Events of a type about a room (key = room id) or for a user (notifications, key = user id). */
    List<EventEnvelope> events(String key, String type) {
        return probe.events(key, type);
    }

    EventEnvelope awaitEvent(String key, String type) {
        return probe.awaitEvent(key, type);
    }
}
