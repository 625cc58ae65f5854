package dev.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the benchmark needs of Parley, as a frontend sees it: HTTP and WebSocket through the gateway. */
final class Client {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record User(String id, String username, String token) {
    }

    private final String gateway;
    // HTTP/1.1 as browsers speak to the gateway (no h2c upgrade attempt on every new connection)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Client(String gateway) {
        this.gateway = gateway;
    }

    String gateway() {
        return gateway;
    }

    JsonNode call(String method, String path, String token, Map<String, ?> body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            // preparing a scenario on a busy stack: a 503 or 504 is retried after its Retry-After, as a client would
            for (int attempt = 1; (r.statusCode() == 503 || r.statusCode() == 504) && attempt <= 10; attempt++) {
                Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body()).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final AtomicLong NAMES = new AtomicLong();

    User signUp(String prefix) {
        // unique within a run (the counter) and across runs against one stack (the clock)
        String name = prefix + "_" + Long.toHexString(System.currentTimeMillis()).substring(4) + "_"
                + NAMES.incrementAndGet();
        call("POST", "/auth/register", null, Map.of("username", name, "email", name + "@example.com",
                "password", "benchmarkPassword123", "display_name", name));
        JsonNode login = call("POST", "/auth/login", null, Map.of("username", name, "password",
                "benchmarkPassword123"));
        return new User(login.get("user").get("id").asString(), name, login.get("token").asString());
    }

    /** Opens a socket to {@code wsBase} (e.g. ws://localhost:8080) and hands each text frame to {@code onFrame}. */
    static WebSocket socket(String wsBase, String token, Consumer<String> onFrame) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(wsBase + "/ws?token=" + token), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            onFrame.accept(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return CompletableFuture.completedFuture(null);
                    }
                }).join();
    }
}
