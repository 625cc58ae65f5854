package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.localstack.LocalStack;
import dev.parley.testinfra.WsTestClient;

/**
 * The security suite (issue #14), through the running stack: the authorization matrix of every REST endpoint and
 * WebSocket frame for owner, admin, member, non-member and anonymous callers, with ids of another room in paths and
 * bodies, then a fuzz pass over every request body, path id and frame. It prints {@code cases, violations, 5xx}; a
 * violation is an allowed caller refused or a refused caller served. Both counts must be 0.
 */
class SecurityMatrixIT {

    static LocalStack stack;
    static Api api;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TestStacks.start("parley-security-test");
        api = new Api(stack.gatewayUrl());
    }

    @AfterAll
    static void stopStack() {
        TestStacks.stop(stack);
    }

    /** The outcome every case must have. */
    enum Expect { ALLOWED, REFUSED, ANONYMOUS }

    private int cases;
    private final List<String> violations = new ArrayList<>();
    private final List<String> serverErrors = new ArrayList<>();

    private void check(String what, Expect expect, Api.Response r) {
        cases++;
        if (r.status() >= 500) {
            serverErrors.add(what + " -> " + r.status() + " " + r.body());
            return;
        }
        boolean ok = switch (expect) {
            case ALLOWED -> r.status() >= 200 && r.status() < 300;
            // refused: by who the caller is (403, or 404 so as not to tell a private room exists) or what they sent
            case REFUSED -> r.status() == 400 || r.status() == 403 || r.status() == 404 || r.status() == 409;
            case ANONYMOUS -> r.status() == 401;
        };
        if (!ok) {
            violations.add(what + " expected " + expect + " but got " + r.status() + " " + r.body());
        }
        if (r.status() >= 400 && !errorEnvelope(r)) {
            violations.add(what + " answered " + r.status() + " without the error envelope: " + r.body());
        }
    }

    private static boolean errorEnvelope(Api.Response r) {
        try {
            JsonNode body = r.json();
            return body != null && !body.path("success").asBoolean(true) && body.path("error").hasNonNull("code");
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    record Fixture(Api.User owner, Api.User admin, Api.User member, Api.User outsider, String room, String otherRoom,
            String message, String ownerMessage, String otherMessage, String file, String otherFile) {
    }

    private Fixture fixture() {
        Api.User owner = api.signUp("owner");
        Api.User admin = api.signUp("admin");
        Api.User member = api.signUp("member");
        Api.User outsider = api.signUp("outsider");
        String room = api.post("/rooms", owner.token(), Map.of("name", "Private", "type", "group", "is_public", false))
                .data().get("id").asString();
        assertThat(api.post("/rooms/" + room + "/members", owner.token(), Map.of("user_id", admin.id(), "role",
                "admin")).status()).isEqualTo(201);
        assertThat(api.post("/rooms/" + room + "/members", owner.token(), Map.of("user_id", member.id())).status())
                .isEqualTo(201);
        String otherRoom = api.post("/rooms", outsider.token(), Map.of("name", "Theirs", "type", "group",
                "is_public", false)).data().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/rooms/" + room + "/messages", member.token()).status() == 200
                        && api.get("/rooms/" + otherRoom + "/messages", outsider.token()).status() == 200);
        String file = upload(member, "m.png");
        String otherFile = upload(outsider, "x.png");
        String message = api.post("/messages", member.token(), Map.of("room_id", room, "content", "hello",
                "type", "image", "attachments", List.of(Map.of("id", file)))).data().get("id").asString();
        String ownerMessage = api.post("/messages", owner.token(), Map.of("room_id", room, "content", "welcome"))
                .data().get("id").asString();
        String otherMessage = api.post("/messages", outsider.token(), Map.of("room_id", otherRoom, "content", "mine"))
                .data().get("id").asString();
        return new Fixture(owner, admin, member, outsider, room, otherRoom, message, ownerMessage, otherMessage, file,
                otherFile);
    }

    /** A small PNG, as a browser's form uploads it. */
    private String upload(Api.User user, String name) {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + png.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(png, 0, body, head.length, png.length);
        System.arraycopy(tail, 0, body, head.length + png.length, tail.length);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.gatewayUrl() + "/api/v1/files"))
                    .header("Authorization", "Bearer " + user.token())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            return Api.JSON.readTree(r.body()).get("data").get("id").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One REST call of the matrix: method, path, body (or null). */
    record Call(String name, String method, String path, Map<String, ?> body) {
        Api.Response by(String token) {
            return switch (method) {
                case "GET" -> api.get(path, token);
                case "POST" -> api.post(path, token, body);
                case "PUT" -> api.put(path, token, body);
                case "PATCH" -> api.patch(path, token, body);
                case "DELETE" -> api.delete(path, token);
                default -> throw new IllegalArgumentException(method);
            };
        }
    }

    @Test
    void theAuthorizationMatrixHoldsAndFuzzedInputNeverGivesA500() {
        Fixture f = fixture();
        Map<String, Api.User> callers = new LinkedHashMap<>();
        callers.put("owner", f.owner());
        callers.put("admin", f.admin());
        callers.put("member", f.member());
        callers.put("outsider", f.outsider());
        String r = "/rooms/" + f.room();

        // every room-scoped endpoint: which of owner, admin, member may; a non-member never, anonymous never.
        // Destructive calls run only for those who must be refused, so that the fixture outlives the matrix.
        record Row(Call call, Set<String> allowed, boolean destructive) {
        }
        List<Row> rows = List.of(
                new Row(new Call("get room", "GET", r, null), Set.of("owner", "admin", "member"), false),
                new Row(new Call("update room", "PATCH", r, Map.of("description", "changed")),
                        Set.of("owner", "admin"), false),
                new Row(new Call("delete room", "DELETE", r, null), Set.of("owner"), true),
                new Row(new Call("list members", "GET", r + "/members", null), Set.of("owner", "admin", "member"), false),
                new Row(new Call("add member", "POST", r + "/members", null), Set.of("owner", "admin"), false),
                // nobody changes or removes the owner (an admin removing themselves is leaving, which they may)
                new Row(new Call("change the owner's role", "PATCH", r + "/members/" + f.owner().id(),
                        Map.of("role", "member")), Set.of(), false),
                new Row(new Call("remove the owner", "DELETE", r + "/members/" + f.owner().id(), null), Set.of(),
                        false),
                new Row(new Call("demote the admin", "PATCH", r + "/members/" + f.admin().id(),
                        Map.of("role", "member")), Set.of("owner"), true),
                new Row(new Call("invite", "POST", r + "/invites", null), Set.of("owner", "admin"), false),
                new Row(new Call("history", "GET", r + "/messages", null), Set.of("owner", "admin", "member"), false),
                new Row(new Call("send", "POST", "/messages", Map.of("room_id", f.room(), "content", "matrix")),
                        Set.of("owner", "admin", "member"), false),
                new Row(new Call("edit the member's message", "PUT", "/messages/" + f.message(),
                        Map.of("content", "edited")), Set.of("member"), false),
                new Row(new Call("delete the owner's message", "DELETE", "/messages/" + f.ownerMessage(), null),
                        Set.of("owner", "admin"), true),
                new Row(new Call("react", "POST", "/messages/" + f.message() + "/reactions", Map.of("emoji", "👍")),
                        Set.of("owner", "admin", "member"), false),
                new Row(new Call("mark read", "POST", r + "/read", Map.of("message_id", f.message())),
                        Set.of("owner", "admin", "member"), false),
                new Row(new Call("typing start", "POST", r + "/typing/start", null), Set.of("owner", "admin", "member"),
                        false),
                new Row(new Call("typing stop", "POST", r + "/typing/stop", null), Set.of("owner", "admin", "member"),
                        false),
                new Row(new Call("download the attachment", "GET", "/files/" + f.file(), null),
                        Set.of("owner", "admin", "member"), false),
                // joining a private room: members already are (an idempotent 200), nobody else may
                new Row(new Call("join a private room", "POST", r + "/join", null), Set.of("owner", "admin", "member"),
                        false));
        for (Row row : rows) {
            for (Map.Entry<String, Api.User> c : callers.entrySet()) {
                boolean allowed = row.allowed().contains(c.getKey());
                if (allowed && row.destructive()) {
                    continue;
                }
                Call call = row.call();
                if (call.name().equals("add member") || call.name().equals("invite")) {
                    call = new Call(call.name(), call.method(), call.path(), Map.of("user_id", api.signUp("new").id()));
                }
                check(row.call().name() + " by " + c.getKey(), allowed ? Expect.ALLOWED : Expect.REFUSED,
                        call.by(c.getValue().token()));
            }
            check(row.call().name() + " by anonymous", Expect.ANONYMOUS, row.call().by(null));
        }

        // ids of another room, in paths and bodies, by a member of this one
        String member = f.member().token();
        check("read position at another room's message", Expect.REFUSED,
                api.post(r + "/read", member, Map.of("message_id", f.otherMessage())));
        check("reply to another room's message", Expect.REFUSED, api.post("/messages", member,
                Map.of("room_id", f.room(), "content", "re", "reply_to", f.otherMessage())));
        check("attach another user's file", Expect.REFUSED, api.post("/messages", member, Map.of("room_id", f.room(),
                "content", "", "type", "image", "attachments", List.of(Map.of("id", f.otherFile())))));
        check("send into another room", Expect.REFUSED,
                api.post("/messages", member, Map.of("room_id", f.otherRoom(), "content", "in")));
        check("edit another room's message", Expect.REFUSED,
                api.put("/messages/" + f.otherMessage(), member, Map.of("content", "x")));
        check("delete another room's message", Expect.REFUSED, api.delete("/messages/" + f.otherMessage(), member));
        check("react in another room", Expect.REFUSED,
                api.post("/messages/" + f.otherMessage() + "/reactions", member, Map.of("emoji", "👍")));
        check("another room's members", Expect.REFUSED, api.get("/rooms/" + f.otherRoom() + "/members", member));
        check("another user's file", Expect.REFUSED, api.get("/files/" + f.otherFile(), member));
        check("add a member to another room", Expect.REFUSED, api.post("/rooms/" + f.otherRoom() + "/members",
                f.owner().token(), Map.of("user_id", f.member().id())));
        // what a non-member may list never shows the private room
        for (String list : List.of("/rooms", "/rooms/my-chats")) {
            Api.Response listed = api.get(list, f.outsider().token());
            check(list + " by outsider", Expect.ALLOWED, listed);
            cases++;
            if (listed.body().contains(f.room())) {
                violations.add(list + " showed a private room to a non-member");
            }
        }
        for (String own : List.of("/users/me", "/invites", "/rooms/my-chats", "/rooms")) {
            check(own + " by anonymous", Expect.ANONYMOUS, api.get(own, null));
        }

        webSocketMatrix(f);
        fuzz(f);

        System.out.printf("security suite: cases %d, violations %d, 5xx %d%n", cases, violations.size(),
                serverErrors.size());
        violations.forEach(v -> System.out.println("  violation: " + v));
        serverErrors.forEach(e -> System.out.println("  5xx: " + e));
        assertThat(violations).isEmpty();
        assertThat(serverErrors).isEmpty();
    }

    private WsTestClient socket(Api.User user) {
        WsTestClient ws = WsTestClient.connect("ws://localhost:" + stack.config().gatewayPort() + "/ws?token="
                + user.token());
        try {
            ws.send(Map.of("type", "auth", "token", user.token()));
            await().atMost(Duration.ofSeconds(15)).until(() -> !ws.framesOfType("auth_response").isEmpty());
        } catch (RuntimeException e) {
            await().atMost(Duration.ofSeconds(5)).until(() -> ws.closeCode() != null);
            throw new AssertionError("no auth_response for " + user.username() + ": frames " + ws.frames()
                    + ", closed " + ws.closeCode() + " " + ws.closeReason(), e);
        }
        return ws;
    }

    /** Frames naming a room the caller may not see are refused, and nothing of that room reaches them. */
    private void webSocketMatrix(Fixture f) {
        try (WsTestClient outsider = socket(f.outsider()); WsTestClient member = socket(f.member());
                WsTestClient anonymous = WsTestClient.connect("ws://localhost:" + stack.config().gatewayPort()
                        + "/ws")) {
            List<Map<String, Object>> frames = List.of(
                    Map.of("type", "join_room", "room_id", f.room()),
                    Map.of("type", "typing_start", "room_id", f.room()),
                    Map.of("type", "typing_stop", "room_id", f.room()),
                    Map.of("type", "resume", "rooms", Map.of(f.room(), 0)));
            for (Map<String, Object> frame : frames) {
                int errorsBefore = outsider.framesOfType("error").size() + outsider.framesOfType("resume_complete").size();
                outsider.send(frame);
                cases++;
                await().atMost(Duration.ofSeconds(10)).until(() -> outsider.framesOfType("error").size()
                        + outsider.framesOfType("resume_complete").size() > errorsBefore || !outsider.isOpen());
                anonymous.send(frame);
                cases++;
            }
            // the room goes on; the member hears it, the outsider hears nothing of it, not even typing
            api.post("/messages", f.owner().token(), Map.of("room_id", f.room(), "content", "members only"));
            api.post("/rooms/" + f.room() + "/typing/start", f.owner().token(), null);
            await().atMost(Duration.ofSeconds(15)).until(() -> member.framesOfType("message").stream()
                    .anyMatch(m -> m.path("message").path("content").asString("").equals("members only")));
            cases++;
            if (outsider.frames().stream().anyMatch(text -> text.contains(f.room())
                    && !text.contains("\"type\":\"error\"") && !text.contains("\"type\":\"resume_complete\""))) {
                violations.add("a non-member's socket received a frame of a private room: " + outsider.frames());
            }
            for (JsonNode resumed : outsider.framesOfType("resume_complete")) {
                cases++;
                if (resumed.toString().contains("\"recovered\":true")) {
                    violations.add("a non-member resumed a private room: " + resumed);
                }
            }
            cases++;
            await().atMost(Duration.ofSeconds(15)).until(() -> anonymous.closeCode() != null
                    || !anonymous.framesOfType("error").isEmpty());
        }
    }

    /** Bodies, path ids and frames a fuzzer (or an attacker) sends: every answer is a 4xx with the envelope. */
    private void fuzz(Fixture f) {
        String token = f.member().token();
        String r = "/rooms/" + f.room();
        Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
        bodies.put("POST /auth/register", Map.of("username", "fuzz", "email", "f@example.com", "password",
                "securePassword123", "display_name", "F"));
        bodies.put("POST /auth/login", Map.of("username", "fuzz", "password", "securePassword123"));
        bodies.put("PATCH /users/me", Map.of("display_name", "F", "avatar", "https://example.com/a.png"));
        bodies.put("PUT /users/me/status", Map.of("status", "away"));
        bodies.put("POST /rooms", Map.of("name", "F", "type", "group", "description", "d", "max_members", 10));
        bodies.put("PATCH " + r, Map.of("name", "F", "description", "d"));
        bodies.put("POST " + r + "/members", Map.of("user_id", f.outsider().id(), "role", "member"));
        bodies.put("POST " + r + "/invites", Map.of("user_id", f.outsider().id()));
        bodies.put("POST /messages", Map.of("room_id", f.room(), "content", "c", "type", "text",
                "reply_to", f.message(), "client_message_id", "c1"));
        bodies.put("PUT /messages/" + f.message(), Map.of("content", "c"));
        bodies.put("POST /messages/" + f.message() + "/reactions", Map.of("emoji", "👍"));
        bodies.put("POST " + r + "/read", Map.of("message_id", f.message()));
        List<Object> junk = List.of(123, -1, 1e308, true, List.of(), Map.of(), "", " ", "x".repeat(20_000), "\u0000",
                "\u202e", "not-a-uuid", "00000000-0000-0000-0000-000000000000", Map.of("$gt", ""),
                List.of(List.of(List.of(List.of()))));
        List<String> rawBodies = List.of("{", "[]", "null", "\"text\"", "{\"a\":", "{}", "1", "{\"room_id\":}");
        for (Map.Entry<String, Map<String, Object>> e : bodies.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String path = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            for (String field : e.getValue().keySet()) {
                for (Object value : junk) {
                    Map<String, Object> body = new LinkedHashMap<>(e.getValue());
                    body.put(field, value);
                    fuzzCase(e.getKey() + " " + field + "=" + describe(value), method, path, token,
                            Api.JSON.writeValueAsString(body));
                }
                Map<String, Object> without = new LinkedHashMap<>(e.getValue());
                without.remove(field);
                fuzzCase(e.getKey() + " without " + field, method, path, token, Api.JSON.writeValueAsString(without));
            }
            for (String raw : rawBodies) {
                fuzzCase(e.getKey() + " body " + raw, method, path, token, raw);
            }
        }
        for (String id : List.of("not-a-uuid", "%00", "..%2F..%2Fetc", "x".repeat(3000), "1", "%E2%80%AE",
                UUID.randomUUID().toString())) {
            for (String path : List.of("/rooms/" + id, "/rooms/" + id + "/messages", "/rooms/" + id + "/members",
                    "/messages/" + id, "/files/" + id, "/users/" + id, "/invites/" + id + "/accept",
                    "/rooms/" + id + "/read")) {
                fuzzCase("GET/POST " + path.replace(id, describe(id)), path.endsWith("/accept") || path.endsWith("/read") ? "POST" : "GET",
                        path, token, null);
            }
        }
        fuzzFrames(f);
    }

    private static String describe(Object value) {
        String s = String.valueOf(value);
        return s.length() > 20 ? s.substring(0, 12) + "…(" + s.length() + ")" : s;
    }

    private void fuzzCase(String what, String method, String path, String token, String body) {
        cases++;
        try {
            Api.Response response = api.request(method, path, token, body);
            if (response.status() >= 500) {
                serverErrors.add(what + " -> " + response.status() + " " + response.body());
            } else if (response.status() >= 400 && !errorEnvelope(response)) {
                violations.add(what + " answered " + response.status() + " without the error envelope: "
                        + response.body());
            }
        } catch (IllegalArgumentException unsendable) {
            // a path the HTTP client itself refuses to send: nothing reached the server
            cases--;
        } catch (RuntimeException e) {
            serverErrors.add(what + " -> " + e);
        }
    }

    /** Junk frames: each gets an error frame or a close with a protocol code, and the gateway serves on. */
    private void fuzzFrames(Fixture f) {
        List<String> frames = List.of("", "{", "[]", "null", "123", "\"ping\"", "{\"type\":123}", "{\"type\":null}",
                "{\"type\":\"nope\"}", "{\"type\":\"join_room\"}", "{\"type\":\"join_room\",\"room_id\":\"x\"}",
                "{\"type\":\"join_room\",\"room_id\":123}", "{\"type\":\"join_room\",\"room_id\":[]}",
                "{\"type\":\"typing_start\",\"room_id\":null}", "{\"type\":\"resume\",\"rooms\":\"x\"}",
                "{\"type\":\"resume\",\"rooms\":{\"x\":-1}}", "{\"type\":\"resume\",\"rooms\":[1,2]}",
                "{\"type\":\"auth\",\"token\":123}", "{\"type\":\"auth\"}", "{\"type\":\"auth\",\"token\":\"x.y.z\"}",
                "{\"type\":\"leave_room\",\"room_id\":\"" + "x".repeat(5000) + "\"}",
                "{\"type\":\"ping\",\"nested\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
        for (String frame : frames) {
            cases++;
            try (WsTestClient ws = socket(f.member())) {
                ws.send(frame);
                ws.send(Map.of("type", "ping"));
                await().atMost(Duration.ofSeconds(10)).until(() -> !ws.framesOfType("pong").isEmpty()
                        || ws.closeCode() != null);
                Integer code = ws.closeCode();
                if (code != null && !Set.of(1002, 1003, 1007, 1008, 1009).contains(code)) {
                    violations.add("frame " + describe(frame) + " closed the socket with " + code);
                }
            }
        }
        // and the gateway is whole: a new socket is served
        try (WsTestClient ws = socket(f.member())) {
            ws.send(Map.of("type", "ping"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !ws.framesOfType("pong").isEmpty());
        }
    }
}
