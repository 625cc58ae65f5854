package dev.parley.gateway;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.parley.events.EventEnvelope;
import dev.parley.events.Topics;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.ServiceIntegrationTest;
import dev.parley.testinfra.TestInfra;
import dev.parley.testinfra.WsTestClient;

/** One running gateway on the real broker, fed with events shaped as the services publish them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.gateway.auth-timeout=2s",
        "parley.gateway.allowed-origins=http://allowed.example",
        "parley.gateway.admin-user-ids=" + GatewayIntegrationTest.ADMIN_ID,
        "parley.gateway.typing-timeout=1s",
        "parley.gateway.presence-room-limit=3",
        "parley.gateway.resume.max-events-per-room=700",
        "parley.gateway.history.frames-per-room=1000"})
abstract class GatewayIntegrationTest extends ServiceIntegrationTest {

    static final String ADMIN_ID = "00000000-0000-0000-0000-00000000a0a0";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) throws Exception {
        TestInfra.registerKafka(registry);
        trustTestTokens(registry);
        createTopics();
    }

    /** Parley's topics on the test broker, once per JVM (3 partitions each). */
    static void createTopics() throws InterruptedException {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", TestInfra.kafkaBootstrapServers()))) {
            try {
                admin.createTopics(Topics.ALL.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
            } catch (java.util.concurrent.ExecutionException alreadyThere) {
                // another test class of this JVM created them
            }
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MembershipView membership;

    static Caller user(String name) {
        return caller(UUID.randomUUID(), name);
    }

    static Caller admin() {
        UUID id = UUID.fromString(ADMIN_ID);
        return new Caller(id, "admin", tokens.token(id, "admin", "Admin"));
    }

    static void roomEvent(String type, UUID roomId, Caller who, String role, boolean isPublic) {
        publisher.publish(Events.membership(type, roomId, who.who(), role, isPublic));
    }

    static EventEnvelope messageEvent(UUID roomId, Caller author, String text) {
        EventEnvelope e = Events.messageSent(roomId, author.who(), text);
        publisher.publish(e);
        return e;
    }

    WsTestClient connect(Caller u) {
        WsTestClient ws = WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + u.token());
        ws.send(Map.of("type", "auth", "token", u.token()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !ws.framesOfType("auth_response").isEmpty());
        return ws;
    }

    void awaitMember(UUID room, Caller u) {
        await().atMost(Duration.ofSeconds(20)).until(() -> membership.isMember(room, u.id()));
    }

    /** A private room of {@code owner} with the others as members, applied by the gateway. */
    UUID room(Caller owner, Caller... members) {
        UUID room = UUID.randomUUID();
        roomEvent(dev.parley.events.EventTypes.ROOM_CREATE, room, owner, "owner", false);
        for (Caller m : members) {
            roomEvent(dev.parley.events.EventTypes.ROOM_JOIN, room, m, "member", false);
        }
        awaitMember(room, owner);
        for (Caller m : members) {
            awaitMember(room, m);
        }
        return room;
    }

    static List<String> types(WsTestClient ws) {
        return ws.frames().stream().map(f -> dev.parley.events.ParleyJson.mapper().readTree(f).get("type").asString())
                .toList();
    }
}
