package dev.parley.testinfra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client for tests (the JDK's), as a browser would use the gateway: it records every
 * text frame and the close code. Wait on it with Awaitility.
 */
public final class WsTestClient implements AutoCloseable {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private volatile Integer closeCode;
    private volatile String closeReason;
    private final WebSocket socket;
    private volatile boolean paused;

    private WsTestClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static WsTestClient connect(String uri) {
        return new WsTestClient(URI.create(uri), Map.of());
    }

    public static WsTestClient connect(String uri, Map<String, String> headers) {
        return new WsTestClient(URI.create(uri), headers);
    }

    public WsTestClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public WsTestClient send(Map<String, ?> frame) {
        return send(MAPPER.writeValueAsString(frame));
    }

    /** Stops reading from the socket, like a client on a stalled network; frames pile up on the server. */
    public void pause() {
        paused = true;
    }

    /** Reads again. */
    public void resume() {
        paused = false;
        socket.request(1);
    }

    public List<String> frames() {
        return List.copyOf(frames);
    }

    /** Received frames whose {@code type} is the given one, parsed. */
    public List<JsonNode> framesOfType(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (String f : frames) {
            JsonNode n = MAPPER.readTree(f);
            if (n.has("type") && type.equals(n.get("type").asString())) {
                out.add(n);
            }
        }
        return out;
    }

    /** The raw text of received frames of a type (for schema checks). */
    public List<String> rawFramesOfType(String type) {
        List<String> out = new ArrayList<>();
        for (String f : frames) {
            JsonNode n = MAPPER.readTree(f);
            if (n.has("type") && type.equals(n.get("type").asString())) {
                out.add(f);
            }
        }
        return out;
    }

    public Integer closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isOpen() {
        return closeCode == null && !socket.isInputClosed();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            if (!paused) {
                ws.request(1);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode = statusCode;
            closeReason = reason;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (closeCode == null) {
                closeCode = -1;
                closeReason = error.toString();
            }
        }
    }
}
