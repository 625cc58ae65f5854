package dev.parley.gateway.routes;

import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.parley.testinfra.TestInfra;
import dev.parley.testinfra.TestTokens;

/** The gateway with every route leading to one stub HTTP server of the test, and the test's token keys. */
final class StubServices {

    private StubServices() {
    }

    static void routeAllTo(DynamicPropertyRegistry registry, HttpServer service, TestTokens tokens) {
        TestInfra.registerKafka(registry);
        registry.add("parley.security.jwk-set-uri", tokens::jwkSetUri);
        String url = "http://localhost:" + service.getAddress().getPort();
        registry.add("AUTH_SERVICE_URL", () -> url);
        registry.add("ROOM_SERVICE_URL", () -> url);
        registry.add("MESSAGE_SERVICE_URL", () -> url);
    }
}
