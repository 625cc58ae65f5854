package dev.parley.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.ParleyJson;

class OpenApiMergerTest {

    private final OpenApiMerger merger = new OpenApiMerger(ParleyJson.mapper());

    private static JsonNode doc(String json) {
        return ParleyJson.mapper().readTree(json.replace('\'', '"'));
    }

    @Test
    void pathsOfEveryServiceAreInOneDocumentAndClashingSchemasAreRenamedWithTheirReferences() {
        JsonNode auth = doc("""
                {'openapi':'3.1.0','paths':{'/api/v1/auth/login':{'post':{'responses':{'200':{'content':
                {'application/json':{'schema':{'$ref':'#/components/schemas/UserResponse'}}}}}}}},
                'components':{'schemas':{'UserResponse':{'type':'object','properties':{'email':{'type':'string'}}},
                'ErrorBody':{'type':'object'}},'securitySchemes':{'bearer':{'type':'http','scheme':'bearer'}}},
                'tags':[{'name':'auth'}]}""");
        JsonNode rooms = doc("""
                {'openapi':'3.1.0','paths':{'/api/v1/rooms':{'get':{'responses':{'200':{'content':
                {'application/json':{'schema':{'$ref':'#/components/schemas/UserResponse'}}}}}}}},
                'components':{'schemas':{'UserResponse':{'type':'object','properties':{'role':{'type':'string'}}},
                'ErrorBody':{'type':'object'}}},'tags':[{'name':'rooms'},{'name':'auth'}]}""");

        ObjectNode merged = merger.merge(List.of(new OpenApiMerger.Source("auth-service", auth),
                new OpenApiMerger.Source("room-service", rooms)), List.of(), "0.2.0");

        assertThat(merged.get("paths").propertyNames()).containsExactlyInAnyOrder("/api/v1/auth/login",
                "/api/v1/rooms");
        assertThat(merged.at("/components/schemas").propertyNames()).containsExactlyInAnyOrder("UserResponse",
                "UserResponse_room_service", "ErrorBody");
        assertThat(merged.at("/paths/~1api~1v1~1rooms/get/responses/200/content/application~1json/schema/$ref")
                .asString()).isEqualTo("#/components/schemas/UserResponse_room_service");
        assertThat(merged.at("/paths/~1api~1v1~1auth~1login/post/responses/200/content/application~1json/schema/$ref")
                .asString()).isEqualTo("#/components/schemas/UserResponse");
        assertThat(merged.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(merged.get("tags")).hasSize(2);
        assertThat(merged.at("/servers/0/url").asString()).isEqualTo("/");
    }

    @Test
    void aServiceThatDidNotAnswerIsNamed() {
        ObjectNode merged = merger.merge(List.of(), List.of("message-service"), "0.2.0");
        assertThat(merged.at("/info/description").asString()).contains("Not included (did not answer): message-service");
    }
}
