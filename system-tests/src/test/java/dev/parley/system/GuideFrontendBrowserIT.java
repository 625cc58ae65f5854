package dev.parley.system;

import static dev.parley.system.Browsers.attr;
import static dev.parley.system.Browsers.click;
import static dev.parley.system.Browsers.text;
import static dev.parley.system.Browsers.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import dev.parley.events.ParleyJson;
import dev.parley.localstack.LocalStack;
import dev.parley.localstack.Service;

/**
 * The guide's own frontend code (a copy in {@code src/test/resources/guide-app}) in a real browser: Debian's
 * headless Chromium, driven through Debian's chromedriver, against the local stack, from a development server on
 * another origin. Two users in two browser profiles register, see their chat list, create and join a room, chat
 * live (edit, delete, react, typing), survive a gateway restart with the guide's reconnect, and (same-origin, as
 * the guide's relative refresh URL assumes) refresh their token twice in a row. Screenshots, page HTML and the
 * page's console go to {@code target/browser-test/} when a test fails.
 */
class GuideFrontendBrowserIT {

    static final Duration UI = Browsers.UI;
    static LocalStack stack;
    static DevServer dev;
    final Browsers browsers = new Browsers();

    @BeforeAll
    static void start() throws Exception {
        stack = TestStacks.start("parley-browser-test");
        dev = new DevServer(stack.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (dev != null) {
            dev.close();
        }
        TestStacks.stop(stack);
    }

    /** The page on the dev server's origin, calling the gateway cross-origin (the guide's development config). */
    static String crossOriginPage() {
        return dev.origin() + "/index.html?api=" + enc(stack.gatewayUrl() + "/api/v1") + "&ws=" + enc(wsUrl());
    }

    /** The page calling the API on its own origin, through the dev server's proxy (the guide's relative URLs). */
    static String sameOriginPage() {
        return dev.origin() + "/index.html?api=" + enc("/api/v1") + "&ws=" + enc(wsUrl());
    }

    static String wsUrl() {
        return "ws://localhost:" + stack.config().gatewayPort() + "/ws";
    }

    @Test
    void twoUsersChatLiveThroughTheGuidesCodeFromAnotherOrigin(TestInfo test) throws Exception {
        ChromeDriver ann = browser("ann");
        ChromeDriver bob = browser("bob");
        evidenceOnFailure(test, () -> {
            String annName = "ann_" + suffix();
            String bobName = "bob_" + suffix();
            String annId = register(ann, crossOriginPage(), annName);
            String bobId = register(bob, crossOriginPage(), bobName);
            await().atMost(UI).until(() -> authResponses(ann) >= 1 && authResponses(bob) >= 1);
            countFrames(ann, "typing_start");
            countFrames(bob, "typing_start");

            // the chat list: a direct chat is named for the viewer, never "Unknown"
            type(bob, "#direct-user-id", annId);
            click(bob, "#start-direct");
            String direct = await().atMost(UI).ignoreExceptions().until(() -> attr(bob, "#chat-room", "data-room-id"),
                    id -> id != null && !id.isEmpty());
            click(bob, "#reload-chats");
            await().atMost(UI).ignoreExceptions().until(() -> text(bob, roomItem(direct) + " .room-name"),
                    ("Name " + annName)::equals);
            assertThat(text(bob, roomItem(direct) + " .avatar-placeholder")).isEqualTo("N");
            click(ann, "#reload-chats");
            await().atMost(UI).ignoreExceptions().until(() -> text(ann, roomItem(direct) + " .room-name"),
                    ("Name " + bobName)::equals);

            // ann creates a room and writes into it at once; her own message comes back live and renders
            type(ann, "#new-room-name", "General Chat");
            click(ann, "#create-room");
            String room = await().atMost(UI).ignoreExceptions().until(() -> attr(ann, "#chat-room", "data-room-id"),
                    id -> id != null && !id.equals(direct) && !id.isEmpty());
            say(ann, "first!");
            await().atMost(UI).ignoreExceptions().until(() -> contents(ann), c -> c.contains("first!"));
            await().atMost(UI).ignoreExceptions().until(() -> text(ann, roomItem(room) + " .room-name"),
                    "General Chat"::equals);

            // bob joins and sees the history
            type(bob, "#join-room-id", room);
            click(bob, "#join-room");
            await().atMost(UI).ignoreExceptions().until(() -> room.equals(attr(bob, "#chat-room", "data-room-id"))
                    && contents(bob).contains("first!"));

            // typing: bob sees ann type, ann never gets her own typing back
            ann.findElement(By.id("message-input")).sendKeys("H");
            await().atMost(UI).ignoreExceptions().until(() -> attr(bob, "#typing-indicator", "data-users"),
                    annId::equals);
            ann.findElement(By.id("message-input")).sendKeys("ello Bob");
            click(ann, "#send");
            await().atMost(UI).ignoreExceptions().until(() -> contents(bob), c -> c.contains("Hello Bob"));
            String messageId = idOf(bob, "Hello Bob");
            assertThat(text(bob, message(messageId) + " .message-author")).isEqualTo(annName);
            await().atMost(UI).ignoreExceptions().until(() -> attr(bob, "#typing-indicator", "data-users"), ""::equals);
            assertThat(frameCount(bob, "typing_start")).isPositive();
            assertThat(frameCount(ann, "typing_start")).as("ann's own typing_start frames").isZero();
            assertThat(attr(ann, "#typing-indicator", "data-users")).isEmpty();

            // edit, react and delete, each live on the other side
            type(ann, "#edit-text", "Hello Bob (edited)");
            await().atMost(UI).ignoreExceptions().until(() -> contents(ann).contains("Hello Bob"));
            click(ann, message(idOf(ann, "Hello Bob")) + " .edit-btn");
            await().atMost(UI).ignoreExceptions().until(() -> text(bob, message(messageId) + " .message-content"),
                    "Hello Bob (edited)"::equals);
            assertThat(bob.findElements(By.cssSelector(message(messageId) + " .message-edited"))).hasSize(1);

            click(bob, message(messageId) + " .react-btn");
            await().atMost(UI).ignoreExceptions().until(() -> text(ann, message(messageId) + " .reactions"),
                    "👍 1"::equals);

            click(ann, message(messageId) + " .delete-btn");
            await().atMost(UI).ignoreExceptions().until(() -> bob.findElements(By.cssSelector(message(messageId)))
                    .isEmpty());
            assertThat(contents(bob)).contains("first!");

            // the chat list shows the room's activity: last message and its time, most recent first
            click(bob, "#reload-chats");
            await().atMost(UI).ignoreExceptions().until(() -> bob.findElements(By.cssSelector(".room-item")).get(0)
                    .getAttribute("data-room-id"), room::equals);
            assertThat(text(bob, roomItem(room) + " .room-last-message")).isEqualTo("first!");

            // the gateway restarts: the guide's ChatWebSocket reconnects and live messages flow again
            int annAuths = authResponses(ann);
            int bobAuths = authResponses(bob);
            stack.kill(Service.GATEWAY);
            stack.startService(Service.GATEWAY, Map.of());
            stack.awaitHealthy(Service.GATEWAY);
            await().atMost(Duration.ofSeconds(60)).until(() -> authResponses(ann) > annAuths
                    && authResponses(bob) > bobAuths);
            say(ann, "after the restart");
            await().atMost(UI).ignoreExceptions().until(() -> contents(bob), c -> c.contains("after the restart"));
            assertThat(contents(bob).stream().filter("after the restart"::equals)).hasSize(1);
            return null;
        });
    }

    @Test
    void theGuidesTokenRefreshTwiceInARowKeepsTheSession(TestInfo test) throws Exception {
        ChromeDriver cat = browser("cat");
        evidenceOnFailure(test, () -> {
            register(cat, sameOriginPage(), "cat_" + suffix());
            String first = (String) cat.executeScript("return localStorage.getItem('token')");
            assertThat((String) cat.executeScript("return document.cookie")).doesNotContain("parley_refresh");

            String second = refresh(cat);
            String third = refresh(cat);
            assertThat(second).isNotNull().isNotEqualTo(first);
            assertThat(third).isNotNull().isNotEqualTo(second);
            assertThat((String) cat.executeScript("return localStorage.getItem('token')")).isEqualTo(third);

            // the new token works, and the session is still alive for the refresh after that
            Object status = cat.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "window.__app.authenticatedFetch(window.__app.config.API_BASE_URL + '/users/me')"
                    + ".then(r => done(r.status), e => done(String(e)));");
            assertThat(status).isEqualTo(200L);
            assertThat(refresh(cat)).isNotNull().isNotEqualTo(third);
            return null;
        });
    }

    // ---- the page, as a user drives it

    private static String register(ChromeDriver b, String page, String username) {
        b.get(page);
        b.executeScript("localStorage.clear()");
        b.navigate().refresh();
        type(b, "#username", username);
        type(b, "#password", "securePassword123");
        click(b, "#register");
        return await().atMost(UI).ignoreExceptions().until(() -> attr(b, "#welcome", "data-user-id"),
                id -> id != null && !id.isEmpty());
    }

    private static String refresh(ChromeDriver b) {
        return (String) b.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.__app.refreshToken().then(t => done(t === undefined ? null : t), e => done(null));");
    }

    private static void say(ChromeDriver b, String text) {
        type(b, "#message-input", text);
        click(b, "#send");
    }

    private static List<String> contents(ChromeDriver b) {
        return b.findElements(By.cssSelector("#messages .message .message-content")).stream().map(WebElement::getText)
                .toList();
    }

    private static String idOf(ChromeDriver b, String content) {
        return b.findElements(By.cssSelector("#messages .message")).stream()
                .filter(m -> m.findElement(By.cssSelector(".message-content")).getText().startsWith(content))
                .map(m -> m.getAttribute("data-id")).findFirst().orElseThrow();
    }

    private static String roomItem(String roomId) {
        return ".room-item[data-room-id='" + roomId + "']";
    }

    private static String message(String messageId) {
        return "#messages .message[data-id='" + messageId + "']";
    }

    private static int authResponses(ChromeDriver b) {
        Object n = b.executeScript("return window.__authResponses || 0");
        return ((Number) n).intValue();
    }

    /** Counts the frames of one type a page's ChatWebSocket receives, with a handler of the guide's {@code on}. */
    private static void countFrames(ChromeDriver b, String type) {
        b.executeScript("window.__frames = window.__frames || {}; window.__frames[arguments[0]] = 0;"
                + "window.__app.chatWS.on(arguments[0], () => window.__frames[arguments[0]]++);", type);
    }

    private static int frameCount(ChromeDriver b, String type) {
        return ((Number) b.executeScript("return window.__frames[arguments[0]]", type)).intValue();
    }

    // ---- the browser

    /**
     * Issue #15: the gateway serves one OpenAPI document of every service, the Swagger UI over it, and the AsyncAPI
     * documents; the UI renders every service's operations in a real browser (a screenshot is kept in
     * target/browser-test/swagger-ui.png).
     */
    @Test
    void theGatewayServesTheWholeApiDocumentAndSwaggerUiShowsIt(TestInfo test) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> docs = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(stack.gatewayUrl() + "/v3/api-docs")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        tools.jackson.databind.JsonNode doc = ParleyJson.mapper().readTree(docs.body());
        java.util.Set<String> paths = new java.util.TreeSet<>();
        doc.get("paths").propertyNames().forEach(paths::add);
        assertThat(paths).contains("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/users/me", "/api/v1/rooms",
                "/api/v1/rooms/{id}/members", "/api/v1/messages", "/api/v1/rooms/{room_id}/messages",
                "/api/v1/files", "/api/v1/admin/broadcast");
        assertThat(paths).as("only what the gateway routes").allMatch(p -> p.startsWith("/api/v1/"));
        assertThat(doc.get("info").get("description").asString()).doesNotContain("Not included");
        // every reference resolves inside the one document
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"\\$ref\":\"#/components/schemas/([^\"]+)\"")
                .matcher(docs.body());
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(doc.get("components").get("schemas").has(refs.group(1))).as(refs.group(1)).isTrue();
        }
        assertThat(count).isPositive();
        int operations = 0;
        for (String p : paths) {
            operations += doc.get("paths").get(p).size();
        }
        int expectedOperations = operations;
        for (String yaml : List.of("/asyncapi.yaml", "/asyncapi-events.yaml")) {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(stack.gatewayUrl() + yaml)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(yaml).isEqualTo(200);
            assertThat(r.body()).as(yaml).startsWith("asyncapi: 3.0.0");
        }

        ChromeDriver reader = browser("swagger");
        evidenceOnFailure(test, () -> {
            reader.get(stack.gatewayUrl() + "/swagger-ui.html");
            // every operation of the merged document is rendered
            await().atMost(UI).ignoreExceptions().until(() -> reader.findElements(By.cssSelector(".opblock")).size(),
                    n -> n == expectedOperations);
            assertThat(text(reader, ".info .title")).startsWith("Parley API");
            List<String> shown = reader.findElements(By.cssSelector(".opblock-summary-path")).stream()
                    .map(e -> e.getAttribute("data-path")).toList();
            assertThat(shown).contains("/api/v1/auth/login", "/api/v1/rooms", "/api/v1/messages");
            assertThat(reader.findElements(By.cssSelector(".errors-wrapper"))).isEmpty();
            Browsers.screenshot(reader, Browsers.EVIDENCE.resolve("swagger-ui.png"));
            System.out.printf("swagger ui: %d operations shown, %d paths in /v3/api-docs%n", shown.size(),
                    paths.size());
            return null;
        });
    }

    @AfterEach
    void closeBrowsers() {
        browsers.close();
    }

    private ChromeDriver browser(String name) throws IOException {
        return browsers.open(name);
    }

    private void evidenceOnFailure(TestInfo test, Callable<Void> body) throws Exception {
        browsers.evidenceOnFailure(test, body);
    }

    private static String suffix() {
        return Long.toHexString(System.nanoTime()).substring(6);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
