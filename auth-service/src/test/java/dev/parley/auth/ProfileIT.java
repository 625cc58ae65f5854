package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.Topics;
import dev.parley.events.data.PresenceData;
import dev.parley.testinfra.EventPublisher;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.KafkaProbe;

/** Profiles, statuses, people search and presence. */
class ProfileIT extends AuthIntegrationTest {

    static KafkaProbe probe;
    static EventPublisher publisher;

    @BeforeAll
    static void open() {
        probe = KafkaProbe.open(Topics.USER);
        publisher = new EventPublisher();
    }

    @AfterAll
    static void close() {
        probe.close();
        publisher.close();
    }

    private List<JsonNode> events(String userId, String type) {
        return probe.records(r -> userId.equals(r.key()) && type.equals(KafkaProbe.header(r, "event_type")))
                .stream().map(ConsumerRecord::value).map(ParleyJson.mapper()::readTree).toList();
    }

    private JsonNode me(String token) {
        String body = http.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/user.schema.json", body);
        return json(body).get("data");
    }

    @Test
    void meIsTheFullUserObject() {
        JsonNode login = signUp("me");
        JsonNode me = me(login.get("token").asString());
        assertThat(me.get("id").asString()).isEqualTo(login.get("user").get("id").asString());
        assertThat(me.get("email").asString()).endsWith("@example.com");
        assertThat(me.get("status").asString()).as("no socket open yet").isEqualTo("offline");
    }

    @Test
    void aProfileUpdatePublishesOnlyTheChangedFieldsWithTheWholePublicProfile() {
        JsonNode login = signUp("editor");
        String token = login.get("token").asString();
        String id = login.get("user").get("id").asString();
        String sameName = login.get("user").get("display_name").asString();

        String body = http.patch().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("display_name", sameName, "avatar", "https://example.com/new-avatar.jpg"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/user.schema.json", body);
        assertThat(json(body).get("data").get("avatar").asString()).isEqualTo("https://example.com/new-avatar.jpg");

        await().atMost(Duration.ofSeconds(20)).until(() -> !events(id, EventTypes.USER_PROFILE_UPDATE).isEmpty());
        JsonNode event = events(id, EventTypes.USER_PROFILE_UPDATE).get(0);
        assertThat(event.get("data").get("changes").toString())
                .isEqualTo("{\"avatar\":\"https://example.com/new-avatar.jpg\"}");
        assertThat(event.get("data").get("display_name").asString()).isEqualTo(sameName);
        assertThat(event.get("data").has("email")).isFalse();

        // removing the avatar
        Map<String, Object> remove = new HashMap<>();
        remove.put("avatar", null);
        http.patch().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(remove).exchange().expectStatus().isOk().expectBody().jsonPath("$.data.avatar").isEmpty();
    }

    @Test
    void badProfileUpdatesNameEachField() {
        String token = signUp("bad").get("token").asString();
        String body = http.patch().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("display_name", " ", "avatar", "javascript:alert(1)", "email", "x@y.z"))
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        JsonSchemas.assertMatches("schemas/api/error.schema.json", body);
        assertThat(json(body).get("error").get("details").valueStream().map(d -> d.get("field").asString()))
                .containsExactlyInAnyOrder("display_name", "avatar", "email");
    }

    @Test
    void settingAStatusPublishesAStatusChange() {
        JsonNode login = signUp("busy");
        String token = login.get("token").asString();
        String id = login.get("user").get("id").asString();
        http.put().uri("/api/v1/users/me/status").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", "busy"))
                .exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(id, EventTypes.USER_STATUS_CHANGE).isEmpty());

        http.put().uri("/api/v1/users/me/status").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", "sleeping"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.details[0].field")
                .isEqualTo("status");
    }

    @Test
    void presenceFromTheGatewayShowsInTheUserObject() {
        JsonNode login = signUp("present");
        String token = login.get("token").asString();
        UUID id = UUID.fromString(login.get("user").get("id").asString());
        Instant t1 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant t2 = t1.plusSeconds(5);
        String gw = "gw-" + UUID.randomUUID();

        publisher.publish(presence(EventTypes.USER_ONLINE, id, t1, gw));
        await().atMost(Duration.ofSeconds(20)).until(() -> "online".equals(me(token).get("status").asString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(id.toString(), EventTypes.USER_STATUS_CHANGE).isEmpty());

        publisher.publish(presence(EventTypes.USER_OFFLINE, id, t2, gw));
        // a late, older "online" must not win
        publisher.publish(presence(EventTypes.USER_ONLINE, id, t1.plusSeconds(1), gw));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode me = me(token);
            assertThat(me.get("status").asString()).isEqualTo("offline");
            assertThat(Instant.parse(me.get("last_seen").asString())).isEqualTo(t2);
        });
    }

    private static EventEnvelope presence(String type, UUID user, Instant at, String instance) {
        return EventEnvelope.create(type, "gateway-ws", user, null, user,
                ParleyJson.mapper().valueToTree(new PresenceData(user, at, instance)), at);
    }

    private static EventEnvelope heartbeat(String instance, Instant at) {
        return EventEnvelope.create(EventTypes.SYSTEM_GATEWAY_HEARTBEAT, "gateway-ws", null, null, null,
                ParleyJson.mapper().valueToTree(new dev.parley.events.data.GatewayHeartbeatData(instance, at, 1)), at);
    }

    @Test
    void aUserIsOnlineWhileAnyGatewayInstanceHoldsASocketOfTheirs() {
        JsonNode login = signUp("multi");
        String token = login.get("token").asString();
        UUID id = UUID.fromString(login.get("user").get("id").asString());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String a = "gw-a-" + UUID.randomUUID();
        String b = "gw-b-" + UUID.randomUUID();
        publisher.publish(presence(EventTypes.USER_ONLINE, id, t, a));
        publisher.publish(presence(EventTypes.USER_ONLINE, id, t.plusMillis(10), b));
        publisher.publish(presence(EventTypes.USER_OFFLINE, id, t.plusMillis(20), a));
        publisher.publish(heartbeat(b, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "online".equals(me(token).get("status").asString()));

        publisher.publish(presence(EventTypes.USER_OFFLINE, id, t.plusMillis(30), b));
        await().atMost(Duration.ofSeconds(20)).until(() -> "offline".equals(me(token).get("status").asString()));
    }

    @Test
    void thePresenceOfACrashedGatewayExpires() {
        JsonNode login = signUp("crash");
        String token = login.get("token").asString();
        UUID id = UUID.fromString(login.get("user").get("id").asString());
        String crashed = "gw-crashed-" + UUID.randomUUID();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publisher.publish(presence(EventTypes.USER_ONLINE, id, t, crashed));
        publisher.publish(heartbeat(crashed, t));
        await().atMost(Duration.ofSeconds(20)).until(() -> "online".equals(me(token).get("status").asString()));
        // no offline, no more heartbeats: after the expiry (3 s here) the user is offline, last seen at the last beat
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode me = me(token);
            assertThat(me.get("status").asString()).isEqualTo("offline");
            assertThat(Instant.parse(me.get("last_seen").asString())).isEqualTo(t);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> events(id.toString(), EventTypes.USER_STATUS_CHANGE).size() >= 2);
    }

    @Test
    void othersSeeAPublicProfileWithoutEmail() {
        JsonNode alice = signUp("alice");
        JsonNode bob = signUp("bob");
        String bobId = bob.get("user").get("id").asString();
        http.get().uri("/api/v1/users/{id}", bobId).headers(h -> h.setBearerAuth(alice.get("token").asString()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.username").isEqualTo(bob.get("user").get("username").asString())
                .jsonPath("$.data.email").doesNotExist();
        http.get().uri("/api/v1/users/{id}", bobId).headers(h -> h.setBearerAuth(bob.get("token").asString()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.email").exists();
        http.get().uri("/api/v1/users/{id}", UUID.randomUUID()).headers(h -> h.setBearerAuth(bob.get("token").asString()))
                .exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/users/{id}", "nope").headers(h -> h.setBearerAuth(bob.get("token").asString()))
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void searchFindsPeopleByUsernamePrefixWithTheGuidesPagination() {
        String tag = "zq" + UUID.randomUUID().toString().substring(0, 6);
        JsonNode caller = signUp(tag + "a");
        signUp(tag + "b");
        signUp(tag + "c");
        String body = http.get().uri("/api/v1/users?search={q}&page=1&limit=2", tag)
                .headers(h -> h.setBearerAuth(caller.get("token").asString())).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode tree = json(body);
        assertThat(tree.get("data").get("users")).hasSize(2);
        assertThat(tree.get("data").get("users").get(0).has("email")).isFalse();
        assertThat(tree.get("pagination").toString()).isEqualTo("{\"page\":1,\"limit\":2,\"total\":3,\"total_pages\":2}");

        http.get().uri("/api/v1/users?search={q}", "%").headers(h -> h.setBearerAuth(caller.get("token").asString()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.pagination.total").isEqualTo(0);
    }
}
