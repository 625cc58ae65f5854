package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.data.MentionData;
import dev.parley.events.data.UserProfile;
import dev.parley.events.data.UserSummary;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.KafkaProbe;
import dev.parley.testinfra.WsTestClient;

/** Who receives which event, typing over sockets, and system broadcasts. */
@AutoConfigureWebTestClient(timeout = "30s") // a slow first request on a cold, busy CI machine is not a failure
class DeliveryIT extends GatewayIntegrationTest {

    @Autowired
    WebTestClient http;
    @LocalManagementPort
    int managementPort;

    @Test
    void typingSentOverASocketReachesTheRoomsOtherMembers() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        Caller eve = user("eve");
        UUID room = room(ann, bob);
        try (KafkaProbe probe = KafkaProbe.open(dev.parley.events.Topics.TYPING);
             WsTestClient annWs = connect(ann); WsTestClient annOtherTab = connect(ann);
             WsTestClient bobWs = connect(bob); WsTestClient eveWs = connect(eve)) {
            annWs.send(Map.of("type", "typing_start", "room_id", room.toString()));
            await().atMost(Duration.ofSeconds(10)).until(() -> !bobWs.framesOfType("typing_start").isEmpty());
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/typing_start.schema.json", bobWs.rawFramesOfType("typing_start").get(0));
            JsonNode frame = bobWs.framesOfType("typing_start").get(0);
            assertThat(frame.get("user").get("username").asString()).isEqualTo("ann");
            // the start expires by itself (typing-timeout 1 s here)
            await().atMost(Duration.ofSeconds(10)).until(() -> !bobWs.framesOfType("typing_stop").isEmpty());
            // typing is for the others: none of the typist's own sockets hears it (a message after it does arrive)
            messageEvent(room, bob, "after typing");
            await().atMost(Duration.ofSeconds(10)).until(() -> !annWs.framesOfType("message").isEmpty()
                    && !annOtherTab.framesOfType("message").isEmpty());
            for (WsTestClient own : List.of(annWs, annOtherTab)) {
                assertThat(own.framesOfType("typing_start")).isEmpty();
                assertThat(own.framesOfType("typing_stop")).isEmpty();
            }
            // on the same topic as typing over REST
            assertThat(probe.records(r -> room.toString().equals(r.key()))).isNotEmpty();

            eveWs.send(Map.of("type", "typing_start", "room_id", room.toString()));
            await().atMost(Duration.ofSeconds(5)).until(() -> !eveWs.framesOfType("error").isEmpty());
            assertThat(eveWs.framesOfType("error").get(0).get("error_code").asString()).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void typingRightAfterJoiningIsNotRefused() {
        Caller ann = user("ann");
        UUID room = room(ann);
        try (WsTestClient annWs = connect(ann)) {
            for (int i = 0; i < 5; i++) {
                Caller newcomer = user("new" + i);
                try (WsTestClient ws = connect(newcomer)) {
                    roomEvent(EventTypes.ROOM_JOIN, room, newcomer, "member", false); // no waiting for the view
                    ws.send(Map.of("type", "typing_start", "room_id", room.toString()));
                    int expected = i + 1;
                    await().atMost(Duration.ofSeconds(10)).until(() -> annWs.framesOfType("typing_start").size() == expected);
                    assertThat(ws.framesOfType("error")).isEmpty();
                }
            }
        }
    }

    @Test
    void aSocketAuthenticatedByItsHandshakeTokenAloneReceivesItsRoomsEvents() {
        Caller ann = user("ann");
        UUID room = room(ann);
        try (WsTestClient ws = WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + ann.token())) {
            // no auth frame, no other frame: the handshake's token is the socket's authentication
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                messageEvent(room, ann, "for the handshake socket");
                return !ws.framesOfType("message").isEmpty();
            });
            assertThat(ws.framesOfType("error")).isEmpty();
        }
    }

    @Test
    void statusChangesTravelOnlyThroughRoomsSmallEnoughToCarryPresence() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        Caller cat = user("cat");
        Caller dan = user("dan");
        Caller eve = user("eve");
        room(ann, bob); // 2 members: carries presence (the limit is 3 here)
        room(ann, cat, dan, eve); // 4 members: does not
        try (WsTestClient annWs = connect(ann); WsTestClient bobWs = connect(bob); WsTestClient catWs = connect(cat)) {
            publisher.publish(Events.statusChanged(new UserProfile(ann.id(), "ann", "Ann", null, "online",
                    Instant.now(), false, Instant.now(), Instant.now())));
            // a profile change of ann after it goes to everyone who shares any room with her: once cat has it,
            // the status change before it (same user, same partition) has been routed too
            UserProfile profile = new UserProfile(ann.id(), "ann", "Ann again", null, "online", Instant.now(), false,
                    Instant.now(), Instant.now());
            publisher.publish(Events.profileUpdated(profile));
            await().atMost(Duration.ofSeconds(10)).until(() -> !catWs.framesOfType("user_profile_update").isEmpty()
                    && !bobWs.framesOfType("user_status_change").isEmpty()
                    && !annWs.framesOfType("user_status_change").isEmpty());
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/user_status_change.schema.json",
                    bobWs.rawFramesOfType("user_status_change").get(0));
            assertThat(catWs.framesOfType("user_status_change")).isEmpty();
        }
    }

    @Test
    void roomChangesReachMembersAndALeavingMemberSeesTheirOwnLeave() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        UUID room = room(ann, bob);
        try (WsTestClient annWs = connect(ann); WsTestClient bobWs = connect(bob)) {
            Caller cat = user("cat");
            roomEvent(EventTypes.ROOM_JOIN, room, cat, "member", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !annWs.framesOfType("user_join").isEmpty());
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/user_join.schema.json", annWs.rawFramesOfType("user_join").get(0));

            roomEvent(EventTypes.ROOM_LEAVE, room, bob, "member", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !annWs.framesOfType("user_leave").isEmpty()
                    && !bobWs.framesOfType("user_leave").isEmpty());
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/user_leave.schema.json", bobWs.rawFramesOfType("user_leave").get(0));

            messageEvent(room, ann, "after bob left");
            await().atMost(Duration.ofSeconds(10)).until(() -> !annWs.framesOfType("message").isEmpty());
            assertThat(bobWs.framesOfType("message")).isEmpty();
        }
    }

    @Test
    void aMemberAddedStartsReceivingWithoutReconnectingAndAnyoneMayFollowAPublicRoom() {
        Caller ann = user("ann");
        Caller newcomer = user("newcomer");
        Caller visitor = user("visitor");
        UUID room = room(ann);
        UUID open = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, open, ann, "owner", true);
        awaitMember(open, ann);
        try (WsTestClient newcomerWs = connect(newcomer); WsTestClient visitorWs = connect(visitor)) {
            roomEvent(EventTypes.ROOM_MEMBER_ADD, room, newcomer, "member", false);
            awaitMember(room, newcomer);
            messageEvent(room, ann, "welcome");
            await().atMost(Duration.ofSeconds(10)).until(() -> !newcomerWs.framesOfType("message").isEmpty());

            // a public room, followed read-only with join_room, and dropped again with leave_room
            visitorWs.send(Map.of("type", "join_room", "room_id", open.toString()));
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                messageEvent(open, ann, "for followers");
                return !visitorWs.framesOfType("message").isEmpty();
            });
            visitorWs.send(Map.of("type", "leave_room", "room_id", open.toString()));
            visitorWs.send(Map.of("type", "ping"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !visitorWs.framesOfType("pong").isEmpty());
            int before = visitorWs.framesOfType("message").size();
            messageEvent(room, ann, "private marker");
            messageEvent(open, ann, "after leave");
            await().atMost(Duration.ofSeconds(10)).until(() -> newcomerWs.framesOfType("message").size() >= 2);
            assertThat(visitorWs.framesOfType("message").stream().map(m -> m.get("message").get("content").asString()))
                    .doesNotContain("after leave", "private marker").hasSize(before);
        }
    }

    @Test
    void followersOfAPublicRoomHearNothingMoreOnceItIsPrivateOrDeleted() {
        Caller ann = user("ann");
        Caller visitor = user("visitor");
        UUID madePrivate = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        roomEvent(EventTypes.ROOM_CREATE, madePrivate, ann, "owner", true);
        roomEvent(EventTypes.ROOM_CREATE, deleted, ann, "owner", true);
        awaitMember(madePrivate, ann);
        awaitMember(deleted, ann);
        try (WsTestClient annWs = connect(ann); WsTestClient visitorWs = connect(visitor)) {
            visitorWs.send(Map.of("type", "join_room", "room_id", madePrivate.toString()));
            visitorWs.send(Map.of("type", "join_room", "room_id", deleted.toString()));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                messageEvent(madePrivate, ann, "public still");
                messageEvent(deleted, ann, "public still");
                return visitorWs.framesOfType("message").stream()
                        .map(m -> m.get("message").get("room_id").asString()).distinct().count() == 2;
            });

            publisher.publish(Events.roomVisibility(madePrivate, ann.who(), false));
            publisher.publish(Events.roomDeleted(deleted, ann.who()));
            // the followers hear the change itself, then nothing more of either room
            await().atMost(Duration.ofSeconds(1)).until(() -> !visitorWs.framesOfType("room_update").isEmpty()
                    && !visitorWs.framesOfType("room_delete").isEmpty());
            int before = visitorWs.framesOfType("message").size();
            messageEvent(madePrivate, ann, "members only now");
            await().atMost(Duration.ofSeconds(10)).until(() -> annWs.framesOfType("message").stream()
                    .anyMatch(m -> m.get("message").get("content").asString().equals("members only now")));
            assertThat(visitorWs.framesOfType("message")).hasSize(before);

            // and following it again is refused while it is private
            visitorWs.send(Map.of("type", "join_room", "room_id", madePrivate.toString()));
            await().atMost(Duration.ofSeconds(5)).until(() -> !visitorWs.framesOfType("error").isEmpty());
            messageEvent(madePrivate, ann, "still members only");
            await().atMost(Duration.ofSeconds(10)).until(() -> annWs.framesOfType("message").stream()
                    .anyMatch(m -> m.get("message").get("content").asString().equals("still members only")));
            assertThat(visitorWs.framesOfType("message")).hasSize(before);
        }
    }

    @Test
    void userTargetedEventsGoToThatUsersSocketsOnly() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        UUID room = room(ann, bob);
        try (WsTestClient bob1 = connect(bob); WsTestClient bob2 = connect(bob); WsTestClient annWs = connect(ann)) {
            publisher.publish(EventEnvelope.create(EventTypes.NOTIFICATION_MENTION, "message-service", ann.id(), room,
                    bob.id(), ParleyJson.mapper().valueToTree(new MentionData(room, "Room", UUID.randomUUID(),
                            new UserSummary(ann.id(), "ann", "Name ann", null), "hi @bob")), Instant.now()));
            await().atMost(Duration.ofSeconds(10)).until(() -> !bob1.framesOfType("notification").isEmpty()
                    && !bob2.framesOfType("notification").isEmpty());
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/notification.schema.json", bob1.rawFramesOfType("notification").get(0));
            assertThat(bob1.framesOfType("notification").get(0).get("notification_type").asString()).isEqualTo("mention");
            messageEvent(room, bob, "marker");
            await().atMost(Duration.ofSeconds(10)).until(() -> !annWs.framesOfType("message").isEmpty());
            assertThat(annWs.framesOfType("notification")).isEmpty();
        }
    }

    @Test
    void profileChangesReachThoseWhoShareARoomAndNobodyElse() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        Caller eve = user("eve");
        room(ann, bob);
        UUID evesRoom = room(eve);
        try (WsTestClient bobWs = connect(bob); WsTestClient eveWs = connect(eve)) {
            Instant now = Instant.now();
            publisher.publish(Events.profileUpdated(new UserProfile(ann.id(), "ann", "Ann Renamed", null, "online", null,
                    false, now, now)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !bobWs.framesOfType("user_profile_update").isEmpty());
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/user_profile_update.schema.json",
                    bobWs.rawFramesOfType("user_profile_update").get(0));
            messageEvent(evesRoom, eve, "marker");
            await().atMost(Duration.ofSeconds(10)).until(() -> !eveWs.framesOfType("message").isEmpty());
            assertThat(eveWs.framesOfType("user_profile_update")).isEmpty();
        }
    }

    @Test
    void anAdminBroadcastReachesEveryConnectedClient() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        try (WsTestClient annWs = connect(ann); WsTestClient bobWs = connect(bob)) {
            http.post().uri("/api/v1/admin/broadcast").headers(h -> h.setBearerAuth(ann.token()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("message", "hi"))
                    .exchange().expectStatus().isForbidden();
            http.post().uri("/api/v1/admin/broadcast").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("message", "hi")).exchange().expectStatus().isUnauthorized();
            http.post().uri("/api/v1/admin/broadcast").headers(h -> h.setBearerAuth(admin().token()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("notification_type", "nonsense",
                            "message", "x")).exchange().expectStatus().isBadRequest();
            http.post().uri("/api/v1/admin/broadcast").headers(h -> h.setBearerAuth(admin().token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("notification_type", "maintenance", "title", "Maintenance",
                            "message", "Down at 2am", "priority", "high"))
                    .exchange().expectStatus().isAccepted();
            await().atMost(Duration.ofSeconds(10)).until(() -> !annWs.framesOfType("notification").isEmpty()
                    && !bobWs.framesOfType("notification").isEmpty());
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/notification.schema.json", annWs.rawFramesOfType("notification").get(0));
            JsonNode n = annWs.framesOfType("notification").get(0);
            assertThat(n.get("notification_type").asString()).isEqualTo("maintenance");
            assertThat(n.get("message").asString()).isEqualTo("Down at 2am");
            assertThat(n.get("event_type").asString()).isEqualTo("event.system.maintenance");
        }
    }

    @Test
    void metricsAreExposedForPrometheus() {
        Caller ann = user("ann");
        UUID room = room(ann);
        try (WsTestClient ws = connect(ann)) {
            ws.send(Map.of("type", "ping"));
            messageEvent(room, ann, "measured");
            await().atMost(Duration.ofSeconds(10)).until(() -> !ws.framesOfType("message").isEmpty());
            // not on the public port (issue #14): on the management port, which only the cluster reaches
            http.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
            http.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
            // readiness answers (DOWN here: this test runs no services behind the routes)
            http.get().uri("/readyz").exchange().expectStatus().value(s -> assertThat(s).isIn(200, 503));
            http.get().uri("/livez").exchange().expectStatus().isOk();
            String metrics = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                    .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(metrics).contains("parley_ws_connections", "parley_ws_frames_in_total{type=\"ping\"",
                    "parley_ws_frames_out_total{type=\"message\"", "parley_ws_delivery_latency_seconds",
                    "parley_gateway_consumer_lag", "parley_ws_outbound_overflow_total");
        }
    }

    @Test
    void theFirstSocketOfAUserPublishesOnlineAndTheLastOneOffline() {
        Caller ann = user("ann");
        try (KafkaProbe probe = KafkaProbe.open(dev.parley.events.Topics.USER)) {
            WsTestClient first = connect(ann);
            WsTestClient second = connect(ann);
            await().atMost(Duration.ofSeconds(10)).until(() -> types(probe, ann).contains(EventTypes.USER_ONLINE));
            first.close();
            second.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> types(probe, ann).contains(EventTypes.USER_OFFLINE));
            assertThat(types(probe, ann)).containsExactly(EventTypes.USER_ONLINE, EventTypes.USER_OFFLINE);
        }
    }

    private static List<String> types(KafkaProbe probe, Caller u) {
        return probe.records(r -> u.id().toString().equals(r.key())).stream()
                .map(r -> KafkaProbe.header(r, "event_type")).toList();
    }
}
