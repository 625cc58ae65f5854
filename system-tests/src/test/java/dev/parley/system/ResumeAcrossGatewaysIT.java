package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.parley.localstack.LocalStack;
import dev.parley.localstack.Service;
import dev.parley.testinfra.WsTestClient;

/**
 * Gap-free delivery across gateway instances (ADR 0009): a reader whose gateway is killed mid-load resumes on
 * another instance and gets every acknowledged event of the room exactly once, in seq order; a gateway that never
 * saw the room replays it from message-service; what message-service no longer retains is said exactly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResumeAcrossGatewaysIT {

    static final List<String> STREAM = List.of("message", "message_edit", "message_delete", "message_reaction");
    static LocalStack stack;
    static Api api;
    static String room;
    static Api.User reader;
    static long acknowledged;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStacks.start("parley-resume-test");
        api = new Api(stack.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        TestStacks.stop(stack);
    }

    private static WsTestClient connect(int port, Api.User user, Map<String, Long> resume) {
        WsTestClient ws = WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + user.token());
        ws.send(resume == null ? Map.of("type", "auth", "token", user.token())
                : Map.of("type", "auth", "token", user.token(), "resume", Map.of("rooms", resume)));
        await().atMost(Duration.ofSeconds(15)).until(() -> !ws.framesOfType("auth_response").isEmpty());
        return ws;
    }

    private static List<JsonNode> stream(WsTestClient ws) {
        return ws.frames().stream().map(Api.JSON::readTree).filter(f -> STREAM.contains(f.path("type").asString()))
                .toList();
    }

    private static long lastSeq(WsTestClient ws) {
        return stream(ws).stream().mapToLong(f -> f.get("seq").asLong()).max().orElse(0);
    }

    @Test
    @Order(1)
    void aReaderResumesOnAnotherInstanceAfterItsInstanceIsKilledMidLoadAndMissesNothing() throws Exception {
        Api.User owner = api.signUp("owner");
        reader = api.signUp("reader");
        List<Api.User> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writers.add(api.signUp("writer" + i)); // the send rate limit is per user: 20 per 10 s
        }
        room = api.post("/rooms", owner.token(), Map.of("name", "Busy", "type", "group")).data().get("id").asString();
        for (Api.User u : Stream.concat(Stream.of(reader), writers.stream()).toList()) {
            assertThat(api.post("/rooms/" + room + "/members", owner.token(), Map.of("user_id", u.id())).status())
                    .isLessThan(300);
        }
        int instanceA = TestStacks.freePort();
        stack.startExtraGateway(instanceA);
        WsTestClient onA = connect(instanceA, reader, null);

        // the writer: sends, with edits, reactions and deletes mixed in; every acknowledged call is one event
        AtomicInteger acks = new AtomicInteger();
        AtomicInteger sends = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            List<String[]> mine = new ArrayList<>(); // [message id, author index]
            for (int op = 0; op < 200; op++) {
                int w = op % writers.size();
                Api.User who = writers.get(w);
                Api.Response r;
                if (op % 5 == 4 && !mine.isEmpty()) {
                    String[] m = mine.get(mine.size() - 1);
                    r = api.put("/messages/" + m[0], writers.get(Integer.parseInt(m[1])).token(),
                            Map.of("content", "edited " + op));
                } else if (op % 7 == 6 && !mine.isEmpty()) {
                    r = api.post("/messages/" + mine.get(mine.size() - 1)[0] + "/reactions", who.token(),
                            Map.of("emoji", new String(Character.toChars(0x1F600 + op / 7)))); // a new emoji each time
                } else if (op % 11 == 10 && mine.size() > 2) {
                    String[] m = mine.remove(0);
                    r = api.delete("/messages/" + m[0], writers.get(Integer.parseInt(m[1])).token());
                } else {
                    r = api.post("/messages", who.token(), Map.of("room_id", room, "content", "op " + op));
                    if (r.status() == 201) {
                        mine.add(new String[] {r.data().get("id").asString(), Integer.toString(w)});
                        sends.incrementAndGet();
                    }
                }
                if (r.status() < 300) {
                    acks.incrementAndGet();
                }
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> acks.get() >= 50);
        long started = System.nanoTime();
        stack.killExtraGateway(instanceA); // kill -9, mid-load
        long seenOnA = lastSeq(onA);
        WsTestClient onB = connect(stack.config().gatewayPort(), reader, Map.of(room, seenOnA));
        writer.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        acknowledged = acks.get();

        await().atMost(Duration.ofSeconds(60)).until(() -> lastSeq(onB) >= acknowledged);
        JsonNode result = onB.framesOfType("resume_complete").get(0).get("rooms").get(room);
        List<JsonNode> all = new ArrayList<>(stream(onA).stream().filter(f -> f.get("seq").asLong() <= seenOnA)
                .toList());
        all.addAll(stream(onB));
        List<Long> seqs = all.stream().map(f -> f.get("seq").asLong()).toList();
        Set<String> ids = new HashSet<>();
        all.forEach(f -> ids.add(f.get("event_id").asString()));
        System.out.printf("resume across gateways: %d acknowledged events (%d sends), %d frames on A up to seq %d "
                        + "before the kill, %d on B after resume (%s), %d distinct event ids; writer ran %.1f s after "
                        + "the kill%n", acknowledged, sends.get(), seqs.stream().filter(s -> s <= seenOnA).count(),
                seenOnA, stream(onB).size(), result, ids.size(), seconds);

        assertThat(result.get("recovered").asBoolean()).isTrue();
        assertThat(seqs).as("every acknowledged event once, in seq order, contiguous")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, acknowledged).boxed().toList());
        assertThat(ids).hasSize((int) acknowledged);
        onB.close();
        onA.close();
    }

    @Test
    @Order(2)
    void aClientClosedByAGracefulShutdownResumesElsewhereWithNothingLost() throws Exception {
        Api.User writer = api.signUp("late");
        String owned = api.post("/rooms", writer.token(), Map.of("name", "Rolling", "type", "group")).data().get("id")
                .asString();
        assertThat(api.post("/rooms/" + owned + "/members", writer.token(), Map.of("user_id", reader.id())).status())
                .isLessThan(300);
        int rolling = TestStacks.freePort();
        stack.startExtraGateway(rolling);
        WsTestClient before = connect(rolling, reader, null);
        AtomicInteger acks = new AtomicInteger();
        CompletableFuture<Void> sends = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 18; i++) { // under the send rate limit of one user
                if (api.post("/messages", writer.token(), Map.of("room_id", owned, "content", "m" + i)).status() == 201) {
                    acks.incrementAndGet();
                }
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> acks.get() >= 5);
        stack.stopExtraGateway(rolling); // a rolling deploy: notification, then 1001
        await().atMost(Duration.ofSeconds(30)).until(() -> before.closeCode() != null);
        assertThat(before.closeCode()).isEqualTo(1001);
        long seen = lastSeq(before);
        try (WsTestClient after = connect(stack.config().gatewayPort(), reader, Map.of(owned, seen))) {
            sends.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> lastSeq(after) >= acks.get());
            List<Long> seqs = new ArrayList<>(stream(before).stream().map(f -> f.get("seq").asLong()).toList());
            seqs.addAll(stream(after).stream().map(f -> f.get("seq").asLong()).toList());
            System.out.printf("resume after a graceful shutdown: %d acknowledged, %d before the 1001, %d after%n",
                    acks.get(), stream(before).size(), stream(after).size());
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, acks.get()).boxed().toList());
        }
        before.close();
    }

    @Test
    @Order(3)
    void anInstanceThatNeverSawTheRoomReplaysItFromMessageService() throws Exception {
        int fresh = TestStacks.freePort();
        stack.startExtraGateway(fresh);
        try (WsTestClient ws = connect(fresh, reader, Map.of(room, 0L))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !ws.framesOfType("resume_complete").isEmpty());
            JsonNode result = ws.framesOfType("resume_complete").get(0).get("rooms").get(room);
            assertThat(result.get("recovered").asBoolean()).isTrue();
            assertThat(stream(ws).stream().map(f -> f.get("seq").asLong()).toList())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, acknowledged).boxed().toList());
        }

        // past the recovery window: message-service no longer has the events, and says which ones are missing
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(Service.MESSAGE), stack.dbUser(),
                stack.dbPassword());
             PreparedStatement forget = db.prepareStatement("DELETE FROM room_stream WHERE room_id = ?::uuid")) {
            forget.setString(1, room);
            forget.executeUpdate();
        }
        try (WsTestClient ws = connect(fresh, reader, Map.of(room, 3L))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !ws.framesOfType("resume_complete").isEmpty());
            JsonNode result = ws.framesOfType("resume_complete").get(0).get("rooms").get(room);
            assertThat(result.get("recovered").asBoolean()).isFalse();
            assertThat(result.get("reason").asString()).isEqualTo("retention_exceeded");
            assertThat(result.get("from_seq").asLong()).isEqualTo(4);
            assertThat(result.get("to_seq").asLong()).isEqualTo(acknowledged);
            assertThat(stream(ws)).isEmpty();
            // what the client then fetches itself
            Api.Response page = api.get("/rooms/" + room + "/messages?after_seq=3&limit=100", reader.token());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.data().get("messages").valueStream().map(m -> m.get("seq").asLong()).toList()).isSorted()
                    .allMatch(s -> s > 3);
        }
        stack.killExtraGateway(fresh);
    }

    @Test
    @Order(4)
    void afterABrokerOutageNoOldFrameIsPushedAsNewAndNothingIsSkipped() throws Exception {
        Api.User owner = api.signUp("keeper");
        Api.User member = api.signUp("member");
        String place = api.post("/rooms", owner.token(), Map.of("name", "Outage", "type", "group")).data().get("id")
                .asString();
        api.post("/rooms/" + place + "/members", owner.token(), Map.of("user_id", member.id()));
        try (WsTestClient ws = connect(stack.config().gatewayPort(), member, null)) {
            api.post("/rooms/" + place + "/members", owner.token(), Map.of("user_id", api.signUp("third").id()));
            await().atMost(Duration.ofSeconds(30)).until(() -> ws.framesOfType("user_join").size() == 1);
            int roomFramesBefore = roomFrames(ws);

            java.nio.file.Path gatewayLog = stack.logFile("gateway-ws");
            long failuresBefore = tailFailures(gatewayLog);
            stack.stopKafka();
            // the gateway's tails notice the outage (their lag check times out) and reconnect
            await().atMost(Duration.ofSeconds(60)).until(() -> tailFailures(gatewayLog) > failuresBefore);
            stack.startKafkaAgain();

            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> api.post("/messages", owner.token(),
                    Map.of("room_id", place, "content", "after the outage")).status() == 201);
            await().atMost(Duration.ofSeconds(60)).until(() -> ws.framesOfType("message").size() >= 1);
            System.out.printf("broker outage: %d tail reconnects, room frames %d before, %d after%n",
                    tailFailures(gatewayLog) - failuresBefore, roomFramesBefore, roomFrames(ws));
            assertThat(roomFrames(ws)).as("no old room frame pushed again").isEqualTo(roomFramesBefore);
            assertThat(ws.framesOfType("message")).hasSize(1);
        }
    }

    private static int roomFrames(WsTestClient ws) {
        return Stream.of("user_join", "user_leave", "room_update", "room_delete")
                .mapToInt(t -> ws.framesOfType(t).size()).sum();
    }

    private static long tailFailures(java.nio.file.Path log) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(log).stream().filter(l -> l.contains("failed, restarting")).count();
    }
}
