package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiIT extends RoomServiceIntegrationTest {

    @Test
    void theOpenApiDocumentListsTheEndpointsWithTheGuidesNames() {
        JsonNode doc = json(body(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()));
        assertThat(doc.get("paths").propertyNames()).contains("/api/v1/rooms", "/api/v1/rooms/{id}",
                "/api/v1/rooms/my-chats", "/api/v1/rooms/direct/{user_id}", "/api/v1/rooms/{id}/join",
                "/api/v1/rooms/{id}/leave", "/api/v1/rooms/{id}/members", "/api/v1/rooms/{id}/members/{user_id}",
                "/api/v1/rooms/{id}/invites", "/api/v1/invites", "/api/v1/invites/{id}/accept",
                "/api/v1/invites/{id}/reject");
        assertThat(doc.get("components").get("schemas").get("RoomResponse").get("properties").propertyNames())
                .contains("is_public", "max_members", "member_count", "last_message", "unread_count");
    }
}
