package dev.parley.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.parley.events.ParleyJson;
import dev.parley.testinfra.TestTokens;

/**
 * No REST call through the gateway waits past its time budget: a service that does not answer in time gives
 * the client 504 with {@code Retry-After} and the error envelope (a service that is gone or closes mid-request, 503); file transfers have a budget of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=500ms",
        "GATEWAY_FILE_BUDGET_MS=10000"})
class RestBudgetIT {

    static final TestTokens tokens = TestTokens.start();
    static final CountDownLatch release = new CountDownLatch(1);
    static final HttpServer service = start();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        StubServices.routeAllTo(registry, service, tokens);
    }

    @LocalServerPort
    int port;

    /** A service whose sends hang until the test ends, whose file upload takes a second, the rest at once. */
    static HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            s.setExecutor(Executors.newCachedThreadPool());
            s.createContext("/api/v1/messages", exchange -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, "{\"success\":true}");
            });
            s.createContext("/api/v1/files", exchange -> {
                exchange.getRequestBody().readAllBytes();
                try {
                    release.await(1, TimeUnit.SECONDS); // longer than the REST budget, within the file budget
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, "{\"success\":true,\"data\":{\"id\":\"f\"}}");
            });
            // a service that crashes with the request in flight: the connection closes without an answer
            s.createContext("/api/v1/invites", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.close();
            });
            s.createContext("/", exchange -> answer(exchange, "{\"success\":true}"));
            s.start();
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        service.stop(0);
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @Test
    void aServiceThatDoesNotAnswerWithinTheBudgetIsA504WithRetryAfter() {
        var result = client().post().uri("/api/v1/messages").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"room_id\":\"x\",\"content\":\"hi\"}").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody(String.class).returnResult();
        JsonNode body = ParleyJson.mapper().readTree(result.getResponseBody());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");

        // the other routes keep answering
        client().get().uri("/api/v1/rooms").exchange().expectStatus().isOk();
    }

    @Test
    void aServiceThatClosesTheConnectionMidRequestOrIsGoneIs503NotA500() {
        var crashed = client().post().uri("/api/v1/invites/some/accept").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody(String.class).returnResult();
        assertThat(ParleyJson.mapper().readTree(crashed.getResponseBody()).get("error").get("code").asString())
                .isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void aFileTransferHasABudgetOfItsOwn() {
        client().post().uri("/api/v1/files").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[64 * 1024]).exchange()
                .expectStatus().isOk();
    }
}
