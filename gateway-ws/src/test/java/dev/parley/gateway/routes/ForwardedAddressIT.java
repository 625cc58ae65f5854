package dev.parley.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.parley.testinfra.TestTokens;

/**
 * A client cannot choose the address the services see (issue #14: rotating X-Forwarded-For escaped the login
 * throttle). With no trusted proxy configured the gateway is the edge: the services get exactly the peer's address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForwardedAddressIT {

    static final TestTokens tokens = TestTokens.start();
    static final List<List<String>> seen = new CopyOnWriteArrayList<>();
    static final HttpServer service = start();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        StubServices.routeAllTo(registry, service, tokens);
    }

    static HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            s.createContext("/", exchange -> {
                List<String> forwarded = exchange.getRequestHeaders().get("X-Forwarded-For");
                seen.add(forwarded == null ? List.of() : List.copyOf(forwarded));
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"success\":true}".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aForgedForwardedForIsReplacedByThePeerTheGatewaySaw() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        for (String forged : List.of("203.0.113.7", "198.51.100.1, 10.0.0.1", "not-an-address")) {
            seen.clear();
            client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .header("X-Forwarded-For", forged).header("Forwarded", "for=203.0.113.9")
                    .bodyValue("{\"username\":\"u\",\"password\":\"p\"}").exchange().expectStatus().isOk();
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).containsExactly("127.0.0.1");
        }
    }
}
