package dev.parley.system;

import static dev.parley.system.Browsers.UI;
import static dev.parley.system.Browsers.attr;
import static dev.parley.system.Browsers.click;
import static dev.parley.system.Browsers.text;
import static dev.parley.system.Browsers.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import dev.parley.localstack.LocalStack;

/**
 * Issue #16: the reference web app (web/), served by the gateway at {@code /}, in Debian's headless Chromium. Ann
 * (desktop width) uses the stack's gateway, Bob (phone width) a second gateway. They register, Ann creates a public
 * room, Bob finds and joins it, they chat (typing, reply, reaction, a mention, an attachment with its upload
 * progress, an edit and a delete), Bob's gateway is stopped while Ann writes and started again, and Bob's page then
 * shows every message once and in order; his chat list counts unread messages exactly. The room view's
 * screenshot is kept in target/browser-test/web-room.png (a copy is docs/web-room.png).
 */
class WebAppBrowserIT {

    static LocalStack stack;
    static int bobsGateway;
    final Browsers browsers = new Browsers();

    @BeforeAll
    static void start() throws Exception {
        stack = TestStacks.start("parley-web-app-test");
        bobsGateway = TestStacks.freePort();
        stack.startExtraGateway(bobsGateway);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.stopExtraGateway(bobsGateway);
        }
        TestStacks.stop(stack);
    }

    @AfterEach
    void closeBrowsers() {
        browsers.close();
    }

    @Test
    void twoUsersChatInTheWebAppAndAUserWhoseGatewayRestartedSeesEveryMessageOnceInOrder(TestInfo test)
            throws Exception {
        ChromeDriver ann = browsers.open("ann", 1280, 820);
        ChromeDriver bob = browsers.open("bob", 390, 844);
        browsers.evidenceOnFailure(test, () -> {
            String annName = "ann_" + suffix();
            String bobName = "bob_" + suffix();
            register(ann, stack.gatewayUrl(), annName, "Ann Example");
            String bobId = register(bob, "http://localhost:" + bobsGateway, bobName, "Bob Example");
            awaitOnline(ann);
            awaitOnline(bob);

            // Ann creates a public room and writes into it
            click(ann, "#new-room");
            type(ann, "#room-name", "Launch plans");
            click(ann, "#create-room");
            String room = await().atMost(UI).ignoreExceptions().until(() -> attr(ann, "#room", "data-room-id"),
                    id -> id != null && !id.isEmpty());
            say(ann, "Hello from Ann");
            await().atMost(UI).until(() -> contents(ann), c -> c.contains("Hello from Ann"));

            // Bob (phone width) finds it among the public rooms, joins, and sees the history
            click(bob, "#browse-rooms");
            click(bob, ".public-room[data-room-id='" + room + "'] .join");
            await().atMost(UI).ignoreExceptions().until(() -> room.equals(attr(bob, "#room", "data-room-id"))
                    && contents(bob).contains("Hello from Ann"));
            assertThat(bob.findElement(By.id("chat-list")).isDisplayed()).as("phone width: one pane").isFalse();

            // Ann sees Bob type; Bob replies to her message
            bob.findElement(By.id("message-input")).sendKeys("H");
            await().atMost(UI).ignoreExceptions().until(() -> attr(ann, "#typing-indicator", "data-users"),
                    bobId::equals);
            assertThat(text(ann, "#typing-indicator")).isEqualTo("Bob Example is typing…");
            click(bob, message(idOf(bob, "Hello from Ann")) + " .reply-btn");
            bob.findElement(By.id("message-input")).sendKeys("i Ann");
            click(bob, "#send");
            await().atMost(UI).until(() -> contents(ann), c -> c.contains("Hi Ann"));
            String bobsMessage = idOf(ann, "Hi Ann");
            assertThat(text(ann, message(bobsMessage) + " .reply-quote")).isEqualTo("Ann Example: Hello from Ann");
            await().atMost(UI).ignoreExceptions().until(() -> attr(ann, "#typing-indicator", "data-users"),
                    ""::equals);

            // a reaction, live on the other side
            click(ann, message(bobsMessage) + " .react-btn[data-emoji='👍']");
            await().atMost(UI).ignoreExceptions().until(
                    () -> text(bob, message(bobsMessage) + " .reaction[data-emoji='👍'] .reaction-count"), "1"::equals);

            // a mention notifies Bob
            say(ann, "@" + bobName + " can you check the schedule?");
            await().atMost(UI).ignoreExceptions().until(() -> text(bob, ".toasts"), t -> t.contains("mentioned you"));

            // an attachment: the upload's progress bar fills, the message carries it
            Path file = Files.createTempFile("schedule", ".txt");
            Files.writeString(file, "week 1: ship\n".repeat(20_000));
            ann.findElement(By.id("file-input")).sendKeys(file.toString());
            await().atMost(UI).ignoreExceptions().until(() -> attr(ann, ".upload-progress", "value"), "1"::equals);
            say(ann, "The schedule");
            await().atMost(UI).ignoreExceptions().until(
                    () -> text(bob, message(idOf(bob, "The schedule")) + " .attachment"),
                    t -> t.contains(file.getFileName().toString()));

            // an edit and a delete, live on the other side
            String hello = idOf(ann, "Hello from Ann");
            click(ann, message(hello) + " .edit-btn");
            type(ann, message(hello) + " .edit-input", "Hello from Ann, edited");
            click(ann, message(hello) + " .save-edit");
            await().atMost(UI).ignoreExceptions().until(() -> text(bob, message(hello) + " .message-content"),
                    "Hello from Ann, edited"::equals);
            assertThat(bob.findElements(By.cssSelector(message(hello) + " .message-edited"))).hasSize(1);
            say(ann, "a typo");
            await().atMost(UI).until(() -> contents(bob), c -> c.contains("a typo"));
            ann.executeScript("window.confirm = () => true");
            click(ann, message(idOf(ann, "a typo")) + " .delete-btn");
            await().atMost(UI).until(() -> contents(bob), c -> !c.contains("a typo"));

            // the chat list follows a deletion and an edit of the room's last message, on both sides
            String chatLast = ".chat-item[data-room-id='" + room + "'] .chat-last";
            for (ChromeDriver b : List.of(ann, bob)) {
                await().atMost(UI).ignoreExceptions().until(() -> attr(b, chatLast, "textContent"),
                        "Ann Example: The schedule"::equals);
            }
            String schedule = idOf(ann, "The schedule");
            click(ann, message(schedule) + " .edit-btn");
            type(ann, message(schedule) + " .edit-input", "The schedule, week 1");
            click(ann, message(schedule) + " .save-edit");
            for (ChromeDriver b : List.of(ann, bob)) {
                await().atMost(UI).ignoreExceptions().until(() -> attr(b, chatLast, "textContent"),
                        "Ann Example: The schedule, week 1"::equals);
            }

            Path shot = Browsers.screenshot(ann, Browsers.EVIDENCE.resolve("web-room.png"));
            System.out.println("web app: room view screenshot " + shot.toAbsolutePath());

            // Bob loses his gateway while Ann writes five messages; back, his page shows each once, in order
            stack.stopExtraGateway(bobsGateway);
            await().atMost(UI).ignoreExceptions().until(() -> attr(bob, ".app", "data-connection"),
                    c -> !"online".equals(c));
            List<String> meanwhile = IntStream.rangeClosed(1, 5).mapToObj(i -> "while you were away " + i).toList();
            for (String m : meanwhile) {
                say(ann, m);
                await().atMost(UI).until(() -> contents(ann), c -> c.contains(m));
            }
            stack.startExtraGateway(bobsGateway);
            awaitOnline(bob);
            await().atMost(Duration.ofSeconds(60)).until(() -> contents(bob), c -> c.containsAll(meanwhile));
            List<String> seen = contents(bob).stream().filter(c -> c.startsWith("while you were away")).toList();
            assertThat(seen).as("every message once, in order").containsExactlyElementsOf(meanwhile);
            assertThat(contents(bob)).isEqualTo(contents(ann));

            // the chat list's unread count is exact: two messages while Bob looks at the list
            click(bob, ".back");
            say(ann, "one more");
            say(ann, "and another");
            await().atMost(UI).ignoreExceptions().until(
                    () -> text(bob, ".chat-item[data-room-id='" + room + "'] .unread"), "2"::equals);
            assertThat(text(bob, ".chat-item[data-room-id='" + room + "'] .chat-last"))
                    .isEqualTo("Ann Example: and another");
            click(bob, ".chat-item[data-room-id='" + room + "']");
            await().atMost(UI).ignoreExceptions().until(() -> text(bob, "#unread-divider"), "New messages"::equals);
            List<WebElement> after = bob.findElements(By.cssSelector("#unread-divider ~ .message .message-content"));
            assertThat(after).extracting(WebElement::getText).containsExactly("one more", "and another");
            return null;
        });
    }

    private static String register(ChromeDriver b, String origin, String username, String displayName) {
        b.get(origin + "/");
        click(b, "#tab-register");
        type(b, "#signin-username", username);
        type(b, "#signin-display_name", displayName);
        type(b, "#signin-password", "securePassword123");
        click(b, "#signin-submit");
        return await().atMost(UI).ignoreExceptions().until(() -> attr(b, "#me", "data-user-id"),
                id -> id != null && !id.isEmpty());
    }

    private static void awaitOnline(ChromeDriver b) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> attr(b, ".app", "data-connection"), "online"::equals);
    }

    private static void say(ChromeDriver b, String text) {
        type(b, "#message-input", text);
        click(b, "#send");
        await().atMost(UI).ignoreExceptions().until(() -> attr(b, "#message-input", "value"), String::isEmpty);
    }

    private static List<String> contents(ChromeDriver b) {
        return b.findElements(By.cssSelector("#messages .message .message-content")).stream().map(WebElement::getText)
                .toList();
    }

    private static String idOf(ChromeDriver b, String content) {
        return await().atMost(UI).ignoreExceptions().until(() -> b.findElements(By.cssSelector("#messages .message"))
                .stream().filter(m -> m.findElement(By.cssSelector(".message-content")).getText().startsWith(content))
                .map(m -> m.getAttribute("data-id")).findFirst().orElseThrow(), id -> id != null);
    }

    private static String message(String messageId) {
        return "#messages .message[data-id='" + messageId + "']";
    }

    private static String suffix() {
        return Long.toHexString(System.nanoTime()).substring(6);
    }
}
