package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description is served and uses the guide's names. */
class OpenApiIT extends AuthIntegrationTest {

    @Test
    void theOpenApiDocumentDescribesTheEndpointsInSnakeCase() {
        String body = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode doc = json(body);
        assertThat(doc.get("paths").propertyNames()).contains("/api/v1/auth/register", "/api/v1/auth/login",
                "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/users/me", "/api/v1/users/me/status",
                "/api/v1/users/{id}", "/api/v1/users");
        JsonNode register = doc.get("components").get("schemas").get("RegisterRequest").get("properties");
        assertThat(register.propertyNames()).containsExactlyInAnyOrder("username", "email", "password", "display_name");
        JsonNode user = doc.get("components").get("schemas").get("UserResponse").get("properties");
        assertThat(user.propertyNames()).contains("display_name", "is_verified", "last_seen", "created_at");
    }
}
