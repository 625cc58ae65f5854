package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.testinfra.JsonSchemas;

/** Retries, edits, deletes, reactions and read positions. */
class MessageLifecycleIT extends MessageServiceIntegrationTest {

    @Test
    void aRetriedSendWithTheSameClientMessageIdReturnsTheOriginalAndPublishesNothingNew() {
        Caller ann = caller("ann");
        UUID room = room("group", ann);
        Map<String, Object> body = Map.of("room_id", room, "content", "only once", "client_message_id", "c-123");
        String first = json(body(send(ann, body).expectStatus().isCreated())).get("data").get("id").asString();
        String again = json(body(send(ann, body).expectStatus().isOk())).get("data").get("id").asString();
        assertThat(again).isEqualTo(first);
        awaitEvent(room.toString(), EventTypes.MESSAGE_SEND);
        say(ann, room, "marker");
        org.awaitility.Awaitility.await().until(() -> events(room.toString(), EventTypes.MESSAGE_SEND).size() == 2);
        assertThat(events(room.toString(), EventTypes.MESSAGE_SEND)).extracting(e -> e.data().get("content").asString())
                .containsExactly("only once", "marker");
        // the same client id from another user is another message
        Caller bob = caller("bob");
        UUID other = room("group", bob);
        send(bob, Map.of("room_id", other, "content", "mine", "client_message_id", "c-123")).expectStatus().isCreated();
    }

    @Test
    void onlyTheAuthorEditsAndTheEditIsPublishedWithEditedAt() {
        Caller ann = caller("ann");
        Caller bob = caller("bob");
        UUID room = room("group", ann, bob);
        String id = say(ann, room, "draft").get("id").asString();

        http.put().uri("/api/v1/messages/{id}", id).headers(h -> h.setBearerAuth(bob.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("content", "hijack"))
                .exchange().expectStatus().isForbidden();
        String body = body(http.put().uri("/api/v1/messages/{id}", id).headers(h -> h.setBearerAuth(ann.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("content", "final"))
                .exchange().expectStatus().isOk());
        JsonNode edited = json(body).get("data");
        JsonSchemas.assertMatches("schemas/api/message.schema.json", edited.toString());
        assertThat(edited.get("content").asString()).isEqualTo("final");
        assertThat(edited.get("edited_at").isNull()).isFalse();

        EventEnvelope event = awaitEvent(room.toString(), EventTypes.MESSAGE_EDIT);
        assertThat(event.data().get("content").asString()).isEqualTo("final");
        http.put().uri("/api/v1/messages/{id}", id).headers(h -> h.setBearerAuth(ann.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("content", " "))
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void authorsAndRoomAdminsDeleteAndADeletedMessageIsGoneForGood() {
        Caller owner = caller("owner");
        Caller ann = caller("ann");
        Caller bob = caller("bob");
        UUID room = room("group", owner, ann, bob);
        String byAnn = say(ann, room, "oops").get("id").asString();
        String byBob = say(bob, room, "rude").get("id").asString();

        http.delete().uri("/api/v1/messages/{id}", byAnn).headers(h -> h.setBearerAuth(bob.token()))
                .exchange().expectStatus().isForbidden();
        http.delete().uri("/api/v1/messages/{id}", byAnn).headers(h -> h.setBearerAuth(ann.token()))
                .exchange().expectStatus().isOk();
        http.delete().uri("/api/v1/messages/{id}", byBob).headers(h -> h.setBearerAuth(owner.token()))
                .exchange().expectStatus().isOk();
        EventEnvelope deleted = awaitEvent(room.toString(), EventTypes.MESSAGE_DELETE);
        assertThat(deleted.data().get("deleted_by").asString()).isEqualTo(owner.id().toString());

        JsonNode history = json(body(http.get().uri("/api/v1/rooms/{id}/messages", room)
                .headers(h -> h.setBearerAuth(ann.token())).exchange().expectStatus().isOk()));
        assertThat(history.get("data").get("messages")).isEmpty();
        http.put().uri("/api/v1/messages/{id}", byAnn).headers(h -> h.setBearerAuth(ann.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("content", "back"))
                .exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/messages/{id}/reactions", byAnn).headers(h -> h.setBearerAuth(ann.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("emoji", "👍"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void oneReactionPerUserPerEmojiWithCountsAndWhoReacted() {
        Caller ann = caller("ann");
        Caller bob = caller("bob");
        Caller eve = caller("eve");
        UUID room = room("group", ann, bob);
        UUID evesRoom = room("group", eve);
        String id = say(ann, room, "react to me").get("id").asString();

        for (Caller c : new Caller[] {ann, bob, bob}) {
            http.post().uri("/api/v1/messages/{id}/reactions", id).headers(h -> h.setBearerAuth(c.token()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("emoji", "👍"))
                    .exchange().expectStatus().isOk();
        }
        EventEnvelope added = awaitEvent(room.toString(), EventTypes.MESSAGE_REACTION_ADD);
        assertThat(events(room.toString(), EventTypes.MESSAGE_REACTION_ADD)).hasSize(2);
        assertThat(added.data().get("reaction_count").asInt()).isEqualTo(2);

        JsonNode asAnn = json(body(http.get().uri("/api/v1/rooms/{id}/messages", room)
                .headers(h -> h.setBearerAuth(ann.token())).exchange().expectStatus().isOk()))
                .get("data").get("messages").get(0).get("reactions").get(0);
        assertThat(asAnn.get("emoji").asString()).isEqualTo("👍");
        assertThat(asAnn.get("count").asInt()).isEqualTo(2);
        assertThat(asAnn.get("users")).hasSize(2);
        assertThat(asAnn.get("user_reacted").asBoolean()).isTrue();

        String removed = body(http.delete().uri("/api/v1/messages/{id}/reactions/{e}", id, "👍")
                .headers(h -> h.setBearerAuth(bob.token())).exchange().expectStatus().isOk());
        JsonNode reaction = json(removed).get("data").get("reactions").get(0);
        assertThat(reaction.get("count").asInt()).isEqualTo(1);
        assertThat(reaction.get("user_reacted").asBoolean()).isFalse();
        assertThat(awaitEvent(room.toString(), EventTypes.MESSAGE_REACTION_REMOVE).data().get("reaction_count").asInt())
                .isEqualTo(1);

        http.delete().uri("/api/v1/messages/{id}/reactions/{e}", id, "👍").headers(h -> h.setBearerAuth(bob.token()))
                .exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/messages/{id}/reactions", id).headers(h -> h.setBearerAuth(ann.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("emoji", "a b"))
                .exchange().expectStatus().isBadRequest();
        http.post().uri("/api/v1/messages/{id}/reactions", id).headers(h -> h.setBearerAuth(eve.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("emoji", "👍"))
                .exchange().expectStatus().isNotFound();
        assertThat(evesRoom).isNotNull();
    }

    @Test
    void historyShowsTheAuthorsCurrentProfile() {
        Caller ann = caller("ann");
        UUID room = room("group", ann);
        say(ann, room, "hello");
        java.time.Instant later = java.time.Instant.now().plusSeconds(1);
        publisher.publish(dev.parley.testinfra.Events.profileUpdated(new dev.parley.events.data.UserProfile(ann.id(),
                ann.name(), "Ann Renamed", "https://example.com/ann.png", "online", null, false, later, later)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> "Ann Renamed".equals(
                json(body(http.get().uri("/api/v1/rooms/{id}/messages", room).headers(h -> h.setBearerAuth(ann.token()))
                        .exchange().expectStatus().isOk())).get("data").get("messages").get(0).get("user")
                        .get("display_name").asString()));
    }

    @Test
    void markingReadPublishesTheReadPosition() {
        Caller ann = caller("ann");
        Caller bob = caller("bob");
        Caller eve = caller("eve");
        UUID room = room("group", ann, bob);
        UUID other = room("group", eve);
        JsonNode m = say(ann, room, "read me");
        String elsewhere = say(eve, other, "not here").get("id").asString();

        http.post().uri("/api/v1/rooms/{id}/read", room).headers(h -> h.setBearerAuth(bob.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("message_id", m.get("id").asString()))
                .exchange().expectStatus().isOk();
        EventEnvelope read = awaitEvent(room.toString(), EventTypes.MESSAGE_READ);
        assertThat(read.userId()).isEqualTo(bob.id());
        assertThat(read.data().get("message_id").asString()).isEqualTo(m.get("id").asString());
        assertThat(read.data().get("message_created_at").asString()).isEqualTo(m.get("created_at").asString());

        http.post().uri("/api/v1/rooms/{id}/read", room).headers(h -> h.setBearerAuth(bob.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("message_id", elsewhere))
                .exchange().expectStatus().isBadRequest();
        http.post().uri("/api/v1/rooms/{id}/read", room).headers(h -> h.setBearerAuth(eve.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("message_id", m.get("id").asString()))
                .exchange().expectStatus().isForbidden();
    }
}
