package dev.parley.room;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.parley.testinfra.TestTokens;
import dev.parley.testinfra.TokenClaimsContract;

/** test-infra's token contract (issue #14) over the running service. */
class TokenClaimsIT extends RoomServiceIntegrationTest implements TokenClaimsContract {

    @Override
    public WebTestClient http() {
        return http;
    }

    @Override
    public TestTokens tokens() {
        return tokens;
    }

    @Override
    public String protectedUri() {
        return "/api/v1/rooms/my-chats";
    }
}
