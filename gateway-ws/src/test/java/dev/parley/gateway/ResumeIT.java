package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.WsTestClient;

/** The resume extension through real sockets on the real broker: replay, order, once, and what cannot be replayed. */
class ResumeIT extends GatewayIntegrationTest {

    private static EventEnvelope message(UUID room, Caller author, long seq) {
        EventEnvelope e = Events.messageSent(room, author.who(), "m" + seq).withSeq(seq);
        publisher.publish(e);
        return e;
    }

    private static List<Long> seqs(WsTestClient ws, String type) {
        return ws.framesOfType(type).stream().filter(f -> f.has("seq")).map(f -> f.get("seq").asLong()).toList();
    }

    private WsTestClient resumeInAuth(Caller u, Map<String, ?> rooms) {
        WsTestClient ws = WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + u.token());
        ws.send(Map.of("type", "auth", "token", u.token(), "resume", Map.of("rooms", rooms)));
        return ws;
    }

    private static JsonNode complete(WsTestClient ws) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !ws.framesOfType("resume_complete").isEmpty());
        return ws.framesOfType("resume_complete").get(0).get("rooms");
    }

    @Test
    void aResumeReplaysWhatWasMissedInOrderOnceThenLiveFramesContinue() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        UUID room = room(ann, bob);
        try (WsTestClient annWs = connect(ann)) {
            for (long s = 1; s <= 6; s++) {
                message(room, ann, s);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seqs(annWs, "message").size() == 6);
            assertThat(seqs(annWs, "message")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/message.schema.json", annWs.rawFramesOfType("message").get(0));

            // bob saw up to 2, lost his socket, and comes back saying so
            try (WsTestClient bobWs = resumeInAuth(bob, Map.of(room.toString(), 2))) {
                JsonNode result = complete(bobWs).get(room.toString());
                assertThat(result.get("recovered").asBoolean()).isTrue();
                assertThat(result.get("seq").asLong()).isEqualTo(6);
                assertThat(seqs(bobWs, "message")).containsExactly(3L, 4L, 5L, 6L);
                assertThat(bobWs.frames().indexOf(bobWs.rawFramesOfType("resume_complete").get(0)))
                        .isGreaterThan(bobWs.frames().indexOf(bobWs.rawFramesOfType("message").get(3)));

                message(room, ann, 7);
                await().atMost(Duration.ofSeconds(10)).until(() -> seqs(bobWs, "message").contains(7L));
                assertThat(seqs(bobWs, "message")).containsExactly(3L, 4L, 5L, 6L, 7L);
            }
        }
    }

    @Test
    void liveFramesDuringAResumeAreNeitherLostNorDoubled() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        UUID room = room(ann, bob);
        try (WsTestClient annWs = connect(ann)) {
            for (long s = 1; s <= 10; s++) {
                message(room, ann, s);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seqs(annWs, "message").size() == 10);
            WsTestClient bobWs = resumeInAuth(bob, Map.of(room.toString(), 0));
            try (bobWs) {
                for (long s = 11; s <= 20; s++) {
                    message(room, ann, s); // racing the replay
                }
                complete(bobWs);
                await().atMost(Duration.ofSeconds(10)).until(() -> seqs(bobWs, "message").size() >= 20);
                assertThat(seqs(bobWs, "message"))
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
            }
        }
    }

    @Test
    void liveFramesBetweenAuthResponseAndALaterResumeFrameFollowTheReplay() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        UUID room = room(ann, bob);
        try (WsTestClient annWs = connect(ann)) {
            for (long s = 1; s <= 4; s++) {
                message(room, ann, s);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seqs(annWs, "message").size() == 4);
            // bob authenticates (no resume in auth); events arrive before his separate resume frame
            try (WsTestClient bobWs = connect(bob)) {
                for (long s = 5; s <= 7; s++) {
                    message(room, ann, s);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> seqs(annWs, "message").size() == 7);
                bobWs.send(Map.of("type", "resume", "rooms", Map.of(room.toString(), 2)));
                JsonNode result = complete(bobWs).get(room.toString());
                assertThat(result.get("recovered").asBoolean()).isTrue();
                message(room, ann, 8);
                await().atMost(Duration.ofSeconds(10)).until(() -> seqs(bobWs, "message").contains(8L));
                System.out.println("resume after auth_response: bob got " + seqs(bobWs, "message"));
                assertThat(seqs(bobWs, "message")).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
            }
        }
    }

    @Test
    void aGuideClientThatNeverResumesGetsTheEventsOfItsFirstMomentInArrivalOrder() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        UUID room = room(ann, bob);
        try (WsTestClient bobWs = connect(bob)) {
            // numbered and unnumbered events of one room, one partition: held a moment, they keep their order
            for (long s = 1; s <= 5; s++) {
                message(room, ann, s);
                messageEvent(room, ann, "plain " + s);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> bobWs.framesOfType("message").size() == 10);
            assertThat(bobWs.framesOfType("message").stream().map(f -> f.get("message").get("content").asString()))
                    .containsExactly("m1", "plain 1", "m2", "plain 2", "m3", "plain 3", "m4", "plain 4", "m5",
                            "plain 5");
        }
    }

    @Test
    void whatCannotBeReplayedIsSaidExactly() {
        Caller ann = user("ann");
        Caller eve = user("eve");
        UUID room = room(ann);
        UUID busy = room(ann);
        UUID unknownHere = room(ann);
        try (WsTestClient annWs = connect(ann)) {
            for (long s = 1; s <= 710; s++) {
                message(busy, ann, s);
            }
            message(room, ann, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> annWs.framesOfType("message").size() == 711);
        }
        // eve is in none of them: nothing of them is sent
        try (WsTestClient eveWs = resumeInAuth(eve, Map.of(room.toString(), 0))) {
            JsonNode r = complete(eveWs).get(room.toString());
            assertThat(r.get("recovered").asBoolean()).isFalse();
            assertThat(r.get("reason").asString()).isEqualTo("not_a_member");
            assertThat(eveWs.framesOfType("message")).isEmpty();
        }
        try (WsTestClient ws = resumeInAuth(ann, Map.of(busy.toString(), 0, unknownHere.toString(), 3))) {
            JsonNode rooms = complete(ws);
            // over the per-resume limit (700 here): the client fetches 1..710 itself
            JsonNode tooMany = rooms.get(busy.toString());
            assertThat(tooMany.get("recovered").asBoolean()).isFalse();
            assertThat(tooMany.get("reason").asString()).isEqualTo("too_many");
            assertThat(tooMany.get("from_seq").asLong()).isEqualTo(1);
            assertThat(tooMany.get("to_seq").asLong()).isEqualTo(710);
            // a range this instance never saw and message-service (not running here) cannot give
            JsonNode unavailable = rooms.get(unknownHere.toString());
            assertThat(unavailable.get("recovered").asBoolean()).isFalse();
            assertThat(unavailable.get("reason").asString()).isEqualTo("unavailable");
            assertThat(unavailable.get("from_seq").asLong()).isEqualTo(4);
            assertThat(ws.framesOfType("message")).isEmpty();
            // live frames go on after it
            message(busy, ann, 711);
            await().atMost(Duration.ofSeconds(10)).until(() -> seqs(ws, "message").equals(List.of(711L)));
        }
    }

    @Test
    void aBadResumeGetsAnErrorFrameAndTheSocketStaysOpen() {
        Caller ann = user("ann");
        try (WsTestClient ws = connect(ann)) {
            ws.send(Map.of("type", "resume", "rooms", Map.of("not-a-room", 1)));
            ws.send(Map.of("type", "resume", "rooms", List.of(1, 2)));
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.framesOfType("error").size() == 2);
            assertThat(ws.framesOfType("error").get(0).get("error_code").asString()).isEqualTo("VALIDATION_ERROR");
            ws.send(Map.of("type", "ping"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !ws.framesOfType("pong").isEmpty());
        }
    }

    @Test
    void aRecordPublishedTwiceReachesASocketOnce() {
        Caller ann = user("ann");
        UUID room = room(ann);
        try (WsTestClient ws = connect(ann)) {
            EventEnvelope first = message(room, ann, 1);
            publisher.publish(first); // the relay re-publishing a batch whose commit it did not see
            EventEnvelope unnumbered = Events.messageSent(room, ann.who(), "no seq");
            publisher.publish(unnumbered);
            publisher.publish(unnumbered);
            message(room, ann, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> seqs(ws, "message").contains(2L));
            assertThat(ws.framesOfType("message").stream().map(f -> f.get("event_id").asString()))
                    .containsExactly(first.eventId().toString(), unnumbered.eventId().toString(),
                            ws.framesOfType("message").get(2).get("event_id").asString())
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void aRemovedMemberHearsTheirOwnLeaveOnce() {
        Caller ann = user("ann");
        Caller bob = user("bob");
        UUID room = room(ann, bob);
        try (WsTestClient annWs = connect(ann); WsTestClient bobWs = connect(bob)) {
            roomEvent(EventTypes.ROOM_MEMBER_REMOVE, room, bob, "member", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !annWs.framesOfType("user_leave").isEmpty()
                    && !bobWs.framesOfType("user_leave").isEmpty());
            messageEvent(room, ann, "after");
            await().atMost(Duration.ofSeconds(10)).until(() -> !annWs.framesOfType("message").isEmpty());
            assertThat(bobWs.framesOfType("user_leave")).hasSize(1);
            assertThat(annWs.framesOfType("user_leave")).hasSize(1);
        }
    }
}
