package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.localstack.LocalStack;
import dev.parley.localstack.Service;
import dev.parley.testinfra.JsonSchemas;
import dev.parley.testinfra.WsTestClient;

/**
 * The whole system as a frontend meets it: the four service jars as processes on embedded PostgreSQL and a
 * real KRaft broker (the README's local stack), driven only through the gateway with HTTP and WebSocket.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatFlowIT {

    static LocalStack stack;
    static Api api;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TestStacks.start("parley-system-test");
        api = new Api(stack.gatewayUrl());
    }

    @AfterAll
    static void stopStack() {
        TestStacks.stop(stack);
    }

    private WsTestClient connect(Api.User user) {
        WsTestClient ws = WsTestClient.connect("ws://localhost:" + stack.config().gatewayPort() + "/ws?token="
                + user.token());
        ws.send(Map.of("type", "auth", "token", user.token()));
        await().atMost(Duration.ofSeconds(15)).until(() -> !ws.framesOfType("auth_response").isEmpty());
        return ws;
    }

    private String publicRoomWith(Api.User owner, Api.User joiner) {
        Api.Response room = api.post("/rooms", owner.token(), Map.of("name", "General Chat",
                "description", "Main discussion room", "type", "public"));
        assertThat(room.status()).isEqualTo(201);
        String roomId = room.data().get("id").asString();
        Api.Response join = api.post("/rooms/" + roomId + "/join", joiner.token(), null);
        assertThat(join.status()).as(join.body()).isEqualTo(200);
        // message-service learns the membership from event.room: wait until it lets the joiner read
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/rooms/" + roomId + "/messages", joiner.token()).status() == 200);
        return roomId;
    }

    /** Read-your-writes across services (ADR 0008): the guide uses a room the moment it has it. */
    @Test
    @Order(0)
    void aSendRightAfterCreatingARoomIsAcceptedEveryTime() {
        Api.User carol = api.signUp("carol");
        int refused = 0;
        List<String> refusals = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Api.Response room = api.post("/rooms", carol.token(), Map.of("name", "Room " + i, "type", "group"));
            assertThat(room.status()).as(room.body()).isEqualTo(201);
            Api.Response sent = api.post("/messages", carol.token(),
                    Map.of("room_id", room.data().get("id").asString(), "content", "first " + i, "type", "text"));
            if (sent.status() != 201) {
                refused++;
                refusals.add(sent.status() + " " + sent.body());
            }
            if (i % 19 == 18) {
                // stay under the send rate limit (20 per 10 s): typing and reads are checked the same way
                Api.Response typing = api.post("/rooms/" + room.data().get("id").asString() + "/typing/start",
                        carol.token(), null);
                assertThat(typing.status()).as(typing.body()).isLessThan(300);
                carol = api.signUp("carol");
            }
        }
        assertThat(refused).as("refused sends: %s", refusals).isZero();
    }

    @Test
    @Order(0)
    void aRemovedMembersSendRightAfterTheRemovalIsRefusedEveryTime() {
        Api.User owner = api.signUp("owner");
        Api.User member = api.signUp("member");
        Api.Response room = api.post("/rooms", owner.token(), Map.of("name", "Moderated", "type", "group"));
        String roomId = room.data().get("id").asString();
        for (int i = 0; i < 8; i++) {
            Api.Response added = api.post("/rooms/" + roomId + "/members", owner.token(),
                    Map.of("user_id", member.id(), "role", "member"));
            assertThat(added.status()).as(added.body()).isLessThan(300);
            Api.Response allowed = api.post("/messages", member.token(),
                    Map.of("room_id", roomId, "content", "hello " + i, "type", "text"));
            assertThat(allowed.status()).as("right after being added: " + allowed.body()).isEqualTo(201);

            Api.Response removed = api.delete("/rooms/" + roomId + "/members/" + member.id(), owner.token());
            assertThat(removed.status()).as(removed.body()).isLessThan(300);
            Api.Response refused = api.post("/messages", member.token(),
                    Map.of("room_id", roomId, "content", "after removal " + i, "type", "text"));
            assertThat(refused.status()).as("right after removal: " + refused.body()).isEqualTo(403);
        }
    }

    @Test
    @Order(1)
    void twoNewUsersChatAndTheMessageArrivesOnTheOtherSocket() {
        Api.User alice = api.signUp("alice");
        Api.User bob = api.signUp("bob");
        String roomId = publicRoomWith(alice, bob);

        try (WsTestClient bobWs = connect(bob); WsTestClient aliceWs = connect(alice)) {
            for (WsTestClient ws : List.of(aliceWs, bobWs)) {
                String auth = ws.rawFramesOfType("auth_response").get(0);
                JsonSchemas.assertMatches("dev/parley/protocol/ws/server/auth_response.schema.json", auth);
                assertThat(ws.framesOfType("auth_response").get(0).get("success").asBoolean()).isTrue();
            }

            Api.Response sent = api.post("/messages", alice.token(),
                    Map.of("room_id", roomId, "content", "Hello everyone!", "type", "text"));
            assertThat(sent.status()).as(sent.body()).isEqualTo(201);
            String messageId = sent.data().get("id").asString();

            await().atMost(Duration.ofSeconds(30)).until(() -> !bobWs.framesOfType("message").isEmpty());
            String raw = bobWs.rawFramesOfType("message").get(0);
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/message.schema.json", raw);
            JsonNode frame = bobWs.framesOfType("message").get(0);
            assertThat(frame.get("event_id").asString()).isNotBlank();
            assertThat(frame.get("room_id").asString()).isEqualTo(roomId);
            assertThat(frame.get("timestamp").asString()).endsWith("Z");
            JsonNode message = frame.get("message");
            assertThat(message.get("id").asString()).isEqualTo(messageId);
            assertThat(message.get("content").asString()).isEqualTo("Hello everyone!");
            assertThat(message.get("user").get("id").asString()).isEqualTo(alice.id());
            assertThat(message.get("user").get("username").asString()).isEqualTo(alice.username());
            assertThat(message.get("user").get("display_name").asString()).isEqualTo("Name " + alice.username());
        }
    }

    /**
     * Issue #14: logout ends the session everywhere. Its access token is refused by every service behind the
     * gateway and by the gateway's WebSocket, and its open socket is closed, while another session of the same user
     * goes on. The time from the logout's answer to the last refusal is printed.
     */
    @Test
    @Order(1)
    void afterLogoutTheSessionsTokenIsRefusedEverywhereAndItsSocketIsClosed() {
        Api.User henry = api.signUp("henry");
        Api.User ivy = api.signUp("ivy");
        String roomId = publicRoomWith(henry, ivy);
        Api.User henryElsewhere = api.login(henry.username());

        try (WsTestClient henryWs = connect(henry); WsTestClient otherWs = connect(henryElsewhere)) {
            Api.Response out = api.post("/auth/logout", henry.token(), null);
            assertThat(out.status()).as(out.body()).isEqualTo(200);
            long loggedOut = System.nanoTime();

            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() ->
                    api.get("/users/me", henry.token()).status() == 401
                            && api.get("/rooms/" + roomId, henry.token()).status() == 401
                            && api.get("/rooms/" + roomId + "/messages", henry.token()).status() == 401
                            && !henryWs.isOpen());
            System.out.printf("logout → refused by auth, room and message services and socket closed: %d ms%n",
                    (System.nanoTime() - loggedOut) / 1_000_000);
            assertThat(henryWs.closeCode()).isEqualTo(1008);
            assertThat(henryWs.closeReason()).isEqualTo("Session ended");
            Api.Response refused = api.post("/messages", henry.token(), Map.of("room_id", roomId, "content", "x"));
            assertThat(refused.status()).isEqualTo(401);
            JsonSchemas.assertMatches("schemas/api/error.schema.json", refused.body());

            // a new socket with that token is refused; the user's other session is untouched
            try (WsTestClient again = WsTestClient.connect("ws://localhost:" + stack.config().gatewayPort() + "/ws")) {
                again.send(Map.of("type", "auth", "token", henry.token()));
                await().atMost(Duration.ofSeconds(10)).until(() -> !again.isOpen());
                assertThat(again.closeCode()).isEqualTo(1008);
            }
            assertThat(api.get("/rooms/" + roomId + "/messages", henryElsewhere.token()).status()).isEqualTo(200);
            Api.Response sent = api.post("/messages", ivy.token(), Map.of("room_id", roomId, "content", "still on?"));
            assertThat(sent.status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> !otherWs.framesOfType("message").isEmpty());
            assertThat(otherWs.isOpen()).isTrue();
        }
    }

    @Test
    @Order(2)
    void badRequestsGetTheGuidesErrorEnvelope() {
        Api.User carol = api.signUp("carol");
        Api.User dave = api.signUp("dave");
        Api.User eve = api.signUp("eve");
        String roomId = publicRoomWith(carol, dave);

        Api.Response wrongPassword = api.post("/auth/login", null,
                Map.of("username", carol.username(), "password", "wrongPassword1"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        JsonSchemas.assertMatches("schemas/api/error.schema.json", wrongPassword.body());

        Api.Response invalid = api.post("/auth/register", null, Map.of("username", "x", "email", "nope",
                "password", "short"));
        assertThat(invalid.status()).isEqualTo(400);
        JsonSchemas.assertMatches("schemas/api/error.schema.json", invalid.body());
        assertThat(invalid.json().get("error").get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(invalid.json().get("error").get("details").valueStream().map(d -> d.get("field").asString()))
                .contains("username", "email", "password");

        Api.Response noToken = api.post("/messages", null, Map.of("room_id", roomId, "content", "hi"));
        assertThat(noToken.status()).isEqualTo(401);
        JsonSchemas.assertMatches("schemas/api/error.schema.json", noToken.body());

        Api.Response nonMember = api.post("/messages", eve.token(), Map.of("room_id", roomId, "content", "hi"));
        assertThat(nonMember.status()).isEqualTo(403);
        JsonSchemas.assertMatches("schemas/api/error.schema.json", nonMember.body());
    }

    /** A 400 VALIDATION_ERROR in the error envelope whose details name {@code field}. */
    private static void refusedNaming(Api.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonSchemas.assertMatches("schemas/api/error.schema.json", r.body());
        JsonNode error = r.json().get("error");
        assertThat(error.get("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(error.get("details").valueStream().map(d -> d.get("field").asString()).toList()).as(r.body())
                .contains(field);
    }

    /**
     * Issue #14: every text field of every endpoint refuses control characters with 400 naming the field (a NUL
     * used to reach PostgreSQL and give 500); names are names and an emoji is an emoji.
     */
    @Test
    @Order(2)
    void everyTextFieldRefusesControlCharactersAndNamesAndEmojiAreWhatTheySay() {
        Api.User kim = api.signUp("kim");
        String nul = "\u0000";
        String bell = "\u0007";
        Map<String, String> register = Map.of("username", "kim_x", "email", "kim_x@example.com",
                "password", "securePassword123", "display_name", "Kim");
        for (String field : register.keySet()) {
            Map<String, String> body = new java.util.HashMap<>(register);
            body.put(field, body.get(field) + nul);
            refusedNaming(api.post("/auth/register", null, body), field);
        }
        refusedNaming(api.post("/auth/login", null, Map.of("username", "kim" + bell, "password", "x")), "username");
        refusedNaming(api.patch("/users/me", kim.token(), Map.of("display_name", "K" + nul + "m")), "display_name");
        refusedNaming(api.patch("/users/me", kim.token(), Map.of("avatar", "https://a.example/" + nul)), "avatar");
        refusedNaming(api.put("/users/me/status", kim.token(), Map.of("status", "online" + nul)), "status");
        refusedNaming(api.post("/rooms", kim.token(), Map.of("name", "R" + nul, "type", "group")), "name");
        refusedNaming(api.post("/rooms", kim.token(), Map.of("name", "R", "description", "d" + bell, "type",
                "group")), "description");
        refusedNaming(api.post("/rooms", kim.token(), Map.of("name", "R", "type", "gr" + nul + "oup")), "type");

        Api.Response room = api.post("/rooms", kim.token(), Map.of("name", "Plain", "type", "group"));
        assertThat(room.status()).as(room.body()).isEqualTo(201);
        String roomId = room.data().get("id").asString();
        refusedNaming(api.patch("/rooms/" + roomId, kim.token(), Map.of("name", "P" + nul)), "name");
        refusedNaming(api.patch("/rooms/" + roomId, kim.token(), Map.of("description", nul)), "description");
        refusedNaming(api.patch("/rooms/" + roomId, kim.token(), Map.of("avatar", "https://a.example/" + nul)),
                "avatar");
        refusedNaming(api.post("/messages", kim.token(), Map.of("room_id", roomId, "content", "hi" + nul)),
                "content");
        refusedNaming(api.post("/messages", kim.token(), Map.of("room_id", roomId, "content", "hi",
                "type", "text" + nul)), "type");
        refusedNaming(api.post("/messages", kim.token(), Map.of("room_id", roomId, "content", "hi",
                "attachments", List.of(Map.of("filename", "a" + nul)))), "attachments[0].filename");
        refusedNaming(api.get("/rooms?search=a%00b", kim.token()), "search");
        refusedNaming(api.get("/users?search=%07", kim.token()), "search");

        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/rooms/" + roomId + "/messages", kim.token()).status() == 200);
        Api.Response sent = api.post("/messages", kim.token(), Map.of("room_id", roomId, "content", "tab\tok\n"));
        assertThat(sent.status()).as("tab and line feed are text: " + sent.body()).isEqualTo(201);
        String messageId = sent.data().get("id").asString();
        refusedNaming(api.put("/messages/" + messageId, kim.token(), Map.of("content", "x" + bell)), "content");
        refusedNaming(api.post("/messages/" + messageId + "/reactions", kim.token(), Map.of("emoji", nul)), "emoji");

        // names are names: no bidirectional override, no zero-width characters, no line breaks
        refusedNaming(api.post("/rooms", kim.token(), Map.of("name", "invoice\u202Efdp.exe", "type", "group")),
                "name");
        refusedNaming(api.patch("/users/me", kim.token(), Map.of("display_name", "ad\u200Bmin")), "display_name");
        refusedNaming(api.patch("/rooms/" + roomId, kim.token(), Map.of("name", "two\nlines")), "name");
        assertThat(api.patch("/users/me", kim.token(), Map.of("display_name", "Zoë O'Brien-Łukasz 李")).status())
                .isEqualTo(200);

        // an emoji is an emoji: one, of Unicode's list (sequences and skin tones included), not text
        for (String text : List.of("lol", "👍👍", ":)", "a")) {
            refusedNaming(api.post("/messages/" + messageId + "/reactions", kim.token(), Map.of("emoji", text)),
                    "emoji");
        }
        for (String emoji : List.of("👍", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️")) {
            Api.Response r = api.post("/messages/" + messageId + "/reactions", kim.token(), Map.of("emoji", emoji));
            assertThat(r.status()).as(emoji + ": " + r.body()).isBetween(200, 201);
        }
    }

    @Test
    @Order(3)
    void aMessageAcceptedJustBeforeMessageServiceIsKilledIsStillDelivered() throws Exception {
        Api.User frank = api.signUp("frank");
        Api.User grace = api.signUp("grace");
        String roomId = publicRoomWith(frank, grace);

        // a message-service whose relay only polls, hourly: what it accepts stays in its outbox until it dies
        stack.kill(Service.MESSAGE);
        stack.startService(Service.MESSAGE, Map.of("OUTBOX_POLL_INTERVAL", "1h", "OUTBOX_LISTEN", "false"));
        stack.awaitHealthy(Service.MESSAGE);

        try (WsTestClient graceWs = connect(grace)) {
            Api.Response sent = api.post("/messages", frank.token(), Map.of("room_id", roomId, "content", "Survive this"));
            assertThat(sent.status()).as(sent.body()).isEqualTo(201);
            String messageId = sent.data().get("id").asString();
            assertThat(unpublishedOutboxRows()).as("the event waits in the outbox").isEqualTo(1);

            stack.kill(Service.MESSAGE);
            stack.startService(Service.MESSAGE, Map.of());
            stack.awaitHealthy(Service.MESSAGE);

            await().atMost(Duration.ofSeconds(60)).until(() -> !graceWs.framesOfType("message").isEmpty());
            assertThat(graceWs.framesOfType("message")).extracting(f -> f.get("message").get("id").asString())
                    .containsExactly(messageId);
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/message.schema.json", graceWs.rawFramesOfType("message").get(0));
        }
    }

    @Test
    @Order(4)
    void clientsOnTwoGatewayInstancesSeeEachOthersMessagesTypingAndPresence() throws Exception {
        int secondPort = TestStacks.freePort();
        stack.startExtraGateway(secondPort);
        Api.User alice = api.signUp("alice");
        Api.User bob = api.signUp("bob");
        Api.User carol = api.signUp("carol");
        String roomId = publicRoomWith(alice, bob);
        assertThat(api.post("/rooms/" + roomId + "/join", carol.token(), null).status()).isEqualTo(200);

        try (WsTestClient aliceOnFirst = connect(alice);
             WsTestClient bobOnSecond = connectTo(secondPort, bob)) {
            // a message sent through the first gateway reaches a socket on the second
            Api.Response sent = api.post("/messages", alice.token(), Map.of("room_id", roomId, "content", "across"));
            assertThat(sent.status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> !bobOnSecond.framesOfType("message").isEmpty());

            // typing over a socket on the second reaches the first
            bobOnSecond.send(Map.of("type", "typing_start", "room_id", roomId));
            await().atMost(Duration.ofSeconds(30)).until(() -> !aliceOnFirst.framesOfType("typing_start").isEmpty());
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/typing_start.schema.json",
                    aliceOnFirst.rawFramesOfType("typing_start").get(0));

            // presence: carol comes online on the second gateway, alice on the first sees it, and sees her leave
            WsTestClient carolOnSecond = connectTo(secondPort, carol);
            await().atMost(Duration.ofSeconds(30)).until(() -> statuses(aliceOnFirst, carol).contains("online"));
            carolOnSecond.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> statuses(aliceOnFirst, carol).contains("offline"));
            JsonSchemas.assertMatches("dev/parley/protocol/ws/server/user_status_change.schema.json",
                    aliceOnFirst.rawFramesOfType("user_status_change").get(0));
        }
    }

    private static List<String> statuses(WsTestClient ws, Api.User who) {
        return ws.framesOfType("user_status_change").stream()
                .filter(f -> who.id().equals(f.get("user_id").asString()))
                .map(f -> f.get("status").asString()).toList();
    }

    private WsTestClient connectTo(int port, Api.User user) {
        WsTestClient ws = WsTestClient.connect("ws://localhost:" + port + "/ws?token=" + user.token());
        ws.send(Map.of("type", "auth", "token", user.token()));
        await().atMost(Duration.ofSeconds(15)).until(() -> !ws.framesOfType("auth_response").isEmpty());
        return ws;
    }

    private long unpublishedOutboxRows() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(Service.MESSAGE), stack.dbUser(),
                stack.dbPassword());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM outbox WHERE published_at IS NULL AND event_type = 'event.message.send'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
