package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiIT extends MessageServiceIntegrationTest {

    @Test
    void theOpenApiDocumentListsTheEndpointsWithTheGuidesNames() {
        JsonNode doc = json(body(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()));
        assertThat(doc.get("paths").propertyNames()).contains("/api/v1/messages", "/api/v1/messages/{id}",
                "/api/v1/messages/{id}/reactions", "/api/v1/messages/{id}/reactions/{emoji}",
                "/api/v1/rooms/{room_id}/messages", "/api/v1/rooms/{room_id}/read",
                "/api/v1/files",
                "/api/v1/files/{id}");
        assertThat(doc.get("components").get("schemas").get("SendMessageRequest").get("properties").propertyNames())
                .contains("room_id", "content", "type", "reply_to", "attachments", "client_message_id");
    }
}
