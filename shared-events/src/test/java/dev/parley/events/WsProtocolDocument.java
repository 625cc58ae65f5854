package dev.parley.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI 3 document of the WebSocket protocol at {@code /ws} (served by the gateway at {@code /asyncapi.yaml}),
 * generated from the frame schemas the tests check frames against ({@code dev/parley/protocol/ws/client|server/}):
 * one message per frame, the gateway's {@code receive} operation for client frames and {@code send} for server frames.
 */
final class WsProtocolDocument {

    private static final JsonMapper JSON = ParleyJson.mapper();
    static final String BASE = "dev/parley/protocol/ws/";

    /** Client frames, in the order of docs/protocol.md. */
    static final Map<String, String> CLIENT = new LinkedHashMap<>();
    /** Server frames. */
    static final Map<String, String> SERVER = new LinkedHashMap<>();

    static {
        CLIENT.put("auth", "Authenticate (or re-authenticate with a fresh token); may carry resume.");
        CLIENT.put("ping", "Keep-alive; answered by pong.");
        CLIENT.put("join_room", "Follow a public room's live frames.");
        CLIENT.put("leave_room", "Stop following a room.");
        CLIENT.put("typing_start", "The user is typing in a room.");
        CLIENT.put("typing_stop", "The user stopped typing.");
        CLIENT.put("resume", "Replay what was missed in each room since a seq (Parley extension).");
        SERVER.put("auth_response", "The answer to authentication.");
        SERVER.put("pong", "The answer to ping.");
        SERVER.put("error", "A frame was refused; the socket stays open.");
        SERVER.put("message", "A new message (event.message.send).");
        SERVER.put("message_edit", "A message was edited.");
        SERVER.put("message_delete", "A message was deleted.");
        SERVER.put("message_reaction", "A reaction was added or removed.");
        SERVER.put("typing_start", "A member started typing.");
        SERVER.put("typing_stop", "A member stopped typing.");
        SERVER.put("user_join", "A member joined or was added.");
        SERVER.put("user_leave", "A member left or was removed.");
        SERVER.put("room_update", "A room's settings changed.");
        SERVER.put("room_delete", "A room was deleted.");
        SERVER.put("user_status_change", "A user's status changed.");
        SERVER.put("user_profile_update", "A user's profile changed.");
        SERVER.put("notification", "A mention, an invitation or a system notice.");
        SERVER.put("upload_progress", "Progress of the user's own upload.");
        SERVER.put("upload_complete", "The user's own upload finished.");
        SERVER.put("resume_complete", "Every room of a resume was replayed (Parley extension).");
    }

    private WsProtocolDocument() {
    }

    static String yaml() {
        return AsyncApiDocument.yamlMapper().writeValueAsString(document());
    }

    static ObjectNode document() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Parley WebSocket protocol");
        info.put("version", "1.0.0");
        info.put("description", """
                The WebSocket protocol of Parley's gateway at /ws: every frame a client sends and every frame the \
                gateway sends, with the JSON Schemas the tests check frames against. Text frames of UTF-8 JSON, \
                at most 64 KB. docs/protocol.md describes the rules (authentication, rate limits, close codes, \
                resume). Generated from shared-events (WsProtocolDocument); do not edit by hand.""");
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        doc.put("defaultContentType", "application/json");
        ObjectNode server = doc.putObject("servers").putObject("gateway");
        server.put("host", "localhost:8080");
        server.put("protocol", "ws");
        server.put("description", "The gateway of the local stack (./run-local.sh); wss behind TLS in production.");

        ObjectNode channel = doc.putObject("channels").putObject("chat");
        channel.put("address", "/ws");
        channel.put("title", "A client's socket");
        channel.put("description", "Open with ?token=<access token>, or send auth within 10 s. A browser's Origin "
                + "must be an allowed origin.");
        ObjectNode channelMessages = channel.putObject("messages");
        ObjectNode ws = channel.putObject("bindings").putObject("ws");
        ws.put("method", "GET");
        ObjectNode query = ws.putObject("query");
        query.put("type", "object");
        query.putObject("properties").putObject("token").put("type", "string")
                .put("description", "the access token (or send an auth frame)");
        ws.put("bindingVersion", "0.1.0");

        ObjectNode operations = doc.putObject("operations");
        ObjectNode receive = operations.putObject("receiveClientFrames");
        receive.put("action", "receive");
        receive.putObject("channel").put("$ref", "#/channels/chat");
        receive.put("summary", "Frames a client sends.");
        ArrayNode receiveMessages = receive.putArray("messages");
        ObjectNode send = operations.putObject("sendServerFrames");
        send.put("action", "send");
        send.putObject("channel").put("$ref", "#/channels/chat");
        send.put("summary", "Frames the gateway sends.");
        ArrayNode sendMessages = send.putArray("messages");

        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");
        frames(CLIENT, "client", channelMessages, receiveMessages, messages, schemas);
        frames(SERVER, "server", channelMessages, sendMessages, messages, schemas);
        return doc;
    }

    private static void frames(Map<String, String> frames, String side, ObjectNode channelMessages,
            ArrayNode operationMessages, ObjectNode messages, ObjectNode schemas) {
        frames.forEach((type, summary) -> {
            String name = side + AsyncApiDocument.messageName("." + type.replace('_', '.'));
            ObjectNode schema = load(BASE + side + "/" + type + ".schema.json");
            schema.remove("$schema");
            schemas.set(name, rebase(schema, "#/components/schemas/" + name));
            ObjectNode m = messages.putObject(name);
            m.put("name", type);
            m.put("title", (side.equals("client") ? "Client → server: " : "Server → client: ") + type);
            m.put("summary", summary);
            m.put("contentType", "application/json");
            m.putObject("payload").put("$ref", "#/components/schemas/" + name);
            channelMessages.putObject(name).put("$ref", "#/components/messages/" + name);
            operationMessages.addObject().put("$ref", "#/channels/chat/messages/" + name);
        });
    }

    /** A schema's own {@code #/...} references, made to point into its place among the components. */
    private static <T extends tools.jackson.databind.JsonNode> T rebase(T node, String base) {
        if (node instanceof ObjectNode o) {
            tools.jackson.databind.JsonNode ref = o.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith("#/")) {
                o.put("$ref", base + ref.asString().substring(1));
            }
            o.properties().forEach(e -> rebase(e.getValue(), base));
        } else if (node instanceof ArrayNode a) {
            a.forEach(n -> rebase(n, base));
        }
        return node;
    }

    private static ObjectNode load(String resource) {
        try (InputStream in = WsProtocolDocument.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no frame schema " + resource);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
