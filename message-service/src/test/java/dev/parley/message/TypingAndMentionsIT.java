package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;

/** Typing indicators, mentions, the send rate limit and broadcast rooms. */
class TypingAndMentionsIT extends MessageServiceIntegrationTest {

    @Test
    void typingIsPublishedOnTheEphemeralTopicAndAStartExpiresByItself() {
        Caller ann = caller("ann");
        Caller eve = caller("eve");
        UUID room = room("group", ann);
        http.post().uri("/api/v1/rooms/{id}/typing/start", room).headers(h -> h.setBearerAuth(ann.token()))
                .exchange().expectStatus().isOk();
        EventEnvelope start = awaitEvent(room.toString(), EventTypes.USER_TYPING_START);
        assertThat(start.data().get("user").get("username").asString()).isEqualTo(ann.name());
        assertThat(start.data().get("expires_at").isNull()).isFalse();
        // no stop was sent: the start expires (typing-timeout is 1 s in these tests)
        EventEnvelope stop = awaitEvent(room.toString(), EventTypes.USER_TYPING_STOP);
        assertThat(stop.userId()).isEqualTo(ann.id());

        http.post().uri("/api/v1/rooms/{id}/typing/stop", room).headers(h -> h.setBearerAuth(ann.token()))
                .exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> events(room.toString(), EventTypes.USER_TYPING_STOP).size() == 2);
        http.post().uri("/api/v1/rooms/{id}/typing/start", room).headers(h -> h.setBearerAuth(eve.token()))
                .exchange().expectStatus().isForbidden();
    }

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
