package dev.parley.room;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.parley.events.EventEnvelope;
import dev.parley.events.Topics;
import dev.parley.events.data.UserProfile;
import dev.parley.room.user.UserDirectory;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.KafkaProbe;
import dev.parley.testinfra.ServiceIntegrationTest;
import dev.parley.testinfra.TestInfra;

/** One running room-service (real PostgreSQL and Kafka) shared by its integration tests. */
// the production wait (1.5 s) is sized for warm JVMs behind the gateway's budget; a cold CI JVM's first publish
// may take longer, and these tests are about what is answered, not how fast
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "parley.rooms.publish-wait=5s")
@AutoConfigureWebTestClient(timeout = "30s") // a slow first request on a cold, busy CI machine is not a failure
abstract class RoomServiceIntegrationTest extends ServiceIntegrationTest {

    static KafkaProbe probe;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "room");
        trustTestTokens(registry);
    }

    @BeforeAll
    static void open() {
        if (probe == null) {
            probe = KafkaProbe.open(Topics.ROOM, Topics.NOTIFICATION);
        }
    }

    @AfterAll
    static void keepOpen() {
        // probe and publisher live for the whole test JVM, like the shared application context
    }

    @Autowired
    WebTestClient http;
    @Autowired
    UserDirectory users;

    /** A user known only to the token issuer (room-service has not seen their registration). */
    static Caller stranger(String name) {
        return caller(UUID.randomUUID(), name);
    }

    /** A user whose registration (event.user.create) room-service has applied. */
    Caller caller(String name) {
        Caller c = stranger(name);
        Instant now = Instant.now();
        publisher.publish(Events.userCreated(new UserProfile(c.id(), name, "Name " + name, null, "online", null, false,
                now, now)));
        await().atMost(Duration.ofSeconds(20)).until(() -> users.find(c.id()).blockOptional().isPresent());
        return c;
    }

    WebTestClient.RequestHeadersSpec<?> as(Caller c, WebTestClient.RequestHeadersSpec<?> spec) {
        return spec.headers(h -> h.setBearerAuth(c.token()));
    }

    WebTestClient.ResponseSpec post(Caller c, String uri, Object body, Object... vars) {
        WebTestClient.RequestBodySpec spec = http.post().uri(uri, vars).headers(h -> h.setBearerAuth(c.token()));
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec patch(Caller c, String uri, Object body, Object... vars) {
        return http.patch().uri(uri, vars).headers(h -> h.setBearerAuth(c.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(Caller c, String uri, Object... vars) {
        return http.get().uri(uri, vars).headers(h -> h.setBearerAuth(c.token())).exchange();
    }

    WebTestClient.ResponseSpec delete(Caller c, String uri, Object... vars) {
        return http.delete().uri(uri, vars).headers(h -> h.setBearerAuth(c.token())).exchange();
    }

    String createRoom(Caller c, Map<String, Object> body) {
        String response = body(post(c, "/api/v1/rooms", body).expectStatus().isCreated());
        JsonSchemas.assertMatches("schemas/api/room.schema.json", response);
        return json(response).get("data").get("id").asString();
    }

    String publicRoom(Caller owner) {
        return createRoom(owner, Map.of("name", "Open " + owner.name(), "type", "public"));
    }

    String privateRoom(Caller owner) {
        return createRoom(owner, Map.of("name", "Closed " + owner.name(), "type", "group", "is_public", false));
    }

    /** Events of a type about a room (key = room id) or for a user (notifications, key = user id). */
    List<EventEnvelope> events(String key, String type) {
        return probe.events(key, type);
    }

    EventEnvelope awaitEvent(String key, String type) {
        return probe.awaitEvent(key, type);
    }
}
