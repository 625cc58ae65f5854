package dev.parley.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.parley.testinfra.TestInfra;
import dev.parley.testinfra.TestTokens;

/** The gateway is not ready before the services its routes lead to have answered ready once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.gateway.route-readiness-interval=100ms")
class RouteReadinessIT {

    static final TestTokens tokens = TestTokens.start();
    static final int servicePort = freePort();
    static HttpServer service;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.registerKafka(registry);
        registry.add("parley.security.jwk-set-uri", tokens::jwkSetUri);
        String url = "http://localhost:" + servicePort;
        registry.add("AUTH_SERVICE_URL", () -> url);
        registry.add("ROOM_SERVICE_URL", () -> url);
        registry.add("MESSAGE_SERVICE_URL", () -> url);
    }

    @Autowired
    RouteReadiness readiness;

    @Test
    void notReadyUntilTheRoutedServicesAnswerReadyThenReadyForGood() throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> !readiness.services().isEmpty());
        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(readiness.services()).extracting(Object::toString).containsExactly("http://localhost:" + servicePort);

        service = HttpServer.create(new InetSocketAddress("localhost", servicePort), 0);
        service.createContext("/readyz", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> readiness.health().getStatus().equals(Status.UP));

        service.stop(0);
        service = null;
        // a service that goes away later does not take the whole gateway out of the load balancer
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop(0);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
