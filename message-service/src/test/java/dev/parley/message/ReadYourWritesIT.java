package dev.parley.message;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.parley.events.EventTypes;

/**
 * Authorisation waits for the projection of {@code event.room} to reach the log's end (ADR 0008): what is in
 * Kafka when a request arrives holds for it, with no waiting by the client.
 */
class ReadYourWritesIT extends MessageServiceIntegrationTest {

    @Test
    void aSendAndReadRightAfterTheRoomEventIsPublishedAreAccepted() {
        for (int i = 0; i < 30; i++) {
            Caller owner = caller("fresh" + i);
            UUID room = UUID.randomUUID();
            member(EventTypes.ROOM_CREATE, room, owner, "owner", "group"); // acknowledged by the broker, no waiting
            String id = json(body(send(owner, Map.of("room_id", room, "content", "first")).expectStatus().isCreated()))
                    .get("data").get("id").asString();
            http.post().uri("/api/v1/rooms/{id}/read", room).headers(h -> h.setBearerAuth(owner.token()))
                    .bodyValue(Map.of("message_id", id)).exchange().expectStatus().is2xxSuccessful();
        }
    }

    @Test
    void aSendRightAfterTheRemovalIsPublishedIsRefused() {
        Caller owner = caller("owner");
        Caller member = caller("member");
        UUID room = room("group", owner, member);
        for (int i = 0; i < 15; i++) { // 15 sends: under the send rate limit
            member(EventTypes.ROOM_MEMBER_REMOVE, room, member, "member", "group");
            send(member, Map.of("room_id", room, "content", "after removal " + i)).expectStatus().isForbidden();
            member(EventTypes.ROOM_MEMBER_ADD, room, member, "member", "group");
            send(member, Map.of("room_id", room, "content", "after re-adding " + i)).expectStatus().isCreated();
        }
    }
}
