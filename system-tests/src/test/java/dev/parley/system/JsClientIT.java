package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.parley.localstack.LocalStack;

/**
 * The JavaScript client's integration tests (clients/js/test-integration) against the running stack: a reader
 * whose gateway restarts resumes every room, and an access token is refreshed under an open socket. The stack's
 * access tokens live 20 s so that the refresh happens during the test; a small control server lets the JavaScript
 * test stop and start the reader's gateway.
 */
class JsClientIT {

    static final int TOKEN_TTL_S = 20;
    static LocalStack stack;
    static int secondGateway;
    static HttpServer control;
    static final Path ROOT = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();

    @BeforeAll
    static void start() throws Exception {
        stack = TestStacks.start("parley-js-client-test", Map.of("ACCESS_TOKEN_TTL", TOKEN_TTL_S + "s"));
        secondGateway = TestStacks.freePort();
        stack.startExtraGateway(secondGateway);
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/stop-gateway-2", exchange -> answer(exchange, () -> stack.stopExtraGateway(secondGateway)));
        control.createContext("/start-gateway-2",
                exchange -> answer(exchange, () -> stack.startExtraGateway(secondGateway)));
        control.start();
    }

    interface Action {
        void run() throws Exception;
    }

    /** 200 when the action is done, 500 with the failure otherwise. */
    private static void answer(com.sun.net.httpserver.HttpExchange exchange, Action action) throws java.io.IOException {
        try {
            action.run();
            exchange.sendResponseHeaders(200, -1);
        } catch (Exception e) {
            byte[] b = e.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, b.length);
            exchange.getResponseBody().write(b);
        } finally {
            exchange.close();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (control != null) {
            control.stop(0);
        }
        if (stack != null) {
            try {
                stack.stopExtraGateway(secondGateway);
            } catch (RuntimeException | InterruptedException e) {
                // already stopped
            }
        }
        TestStacks.stop(stack);
    }

    @Test
    void theClientResumesAcrossAGatewayRestartAndRefreshesItsTokenUnderAnOpenSocket() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("npm", "run", "--silent", "test:integration")
                .directory(ROOT.resolve("clients/js").toFile()).redirectErrorStream(true);
        pb.environment().put("PARLEY_URL", stack.gatewayUrl());
        pb.environment().put("PARLEY_URL_2", "http://localhost:" + secondGateway);
        pb.environment().put("PARLEY_CONTROL", "http://127.0.0.1:" + control.getAddress().getPort());
        pb.environment().put("PARLEY_TOKEN_TTL_S", Integer.toString(TOKEN_TTL_S));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(out);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("# pass 2").contains("# fail 0");
    }
}
