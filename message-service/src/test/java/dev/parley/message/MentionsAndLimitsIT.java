package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;

/** Mentions, the send rate limit and broadcast rooms (typing is the gateway's: its TypingIT). */
class MentionsAndLimitsIT extends MessageServiceIntegrationTest {

    @Test
    void mentioningAMemberNotifiesThemAndNobodyElse() {
        Caller ann = caller("ann");
        Caller bob = caller("bob");
        Caller eve = caller("eve");
        registered(ann);
        registered(bob);
        registered(eve);
        UUID room = room("group", ann, bob);
        String id = say(ann, room, "hey @" + bob.name() + " and @" + eve.name() + " and me @" + ann.name()).get("id").asString();

        EventEnvelope mention = awaitEvent(bob.id().toString(), EventTypes.NOTIFICATION_MENTION);
        assertThat(mention.data().get("message_id").asString()).isEqualTo(id);
        assertThat(mention.data().get("mentioned_by").get("id").asString()).isEqualTo(ann.id().toString());
        assertThat(mention.data().get("room_id").asString()).isEqualTo(room.toString());
        assertThat(events(eve.id().toString(), EventTypes.NOTIFICATION_MENTION)).isEmpty();
        assertThat(events(ann.id().toString(), EventTypes.NOTIFICATION_MENTION)).isEmpty();
    }

    @Test
    void sendingFasterThanTheLimitGets429WithRetryAfter() {
        Caller spammer = caller("spammer");
        UUID room = room("group", spammer);
        for (int i = 0; i < 30; i++) {
            send(spammer, Map.of("room_id", room, "content", "spam " + i)).expectStatus().isCreated();
        }
        send(spammer, Map.of("room_id", room, "content", "one more")).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.error.code").isEqualTo("RATE_LIMITED");
        Caller other = caller("other");
        send(other, Map.of("room_id", room("group", other), "content", "not affected")).expectStatus().isCreated();
    }

    @Test
    void theLimitHoldsUnderConcurrency() throws Exception {
        Caller racer = caller("racer");
        UUID room = room("group", racer);
        // 50 sends at once, each retried (with its client_message_id) while the instance is busy (503), as a client
        // does: exactly the limit (30 in these tests) is admitted, however the sends interleave
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Map<String, Object> body = Map.of("room_id", room, "content", "race " + i,
                        "client_message_id", UUID.randomUUID().toString());
                outcomes.add(pool.submit(() -> {
                    int status;
                    do {
                        status = send(racer, body).returnResult(String.class).getStatus().value();
                    } while (status == 503);
                    return status;
                }));
            }
            Map<Integer, Long> byStatus = new TreeMap<>();
            for (Future<Integer> outcome : outcomes) {
                byStatus.merge(outcome.get(60, TimeUnit.SECONDS), 1L, Long::sum);
            }
            assertThat(byStatus).isEqualTo(Map.of(201, 30L, 429, 20L));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inABroadcastRoomOnlyOwnerAndAdminsPost() {
        Caller owner = caller("owner");
        Caller listener = caller("listener");
        UUID room = room("broadcast", owner, listener);
        send(listener, Map.of("room_id", room, "content", "can I?")).expectStatus().isForbidden();
        send(owner, Map.of("room_id", room, "content", "announcement")).expectStatus().isCreated();
        member(EventTypes.ROOM_MEMBER_ROLE_UPDATE, room, listener, "admin", "broadcast");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                send(listener, Map.of("room_id", room, "content", "now I can")).expectStatus().isCreated());
    }
}
