package dev.parley.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.gateway.payload.EventPayloads;

/** The AsyncAPI document served at /asyncapi.yaml has a message for every frame the gateway sends and accepts. */
class WebSocketProtocolDocumentTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> messages() throws Exception {
        try (InputStream in = WebSocketProtocolDocumentTest.class.getClassLoader()
                .getResourceAsStream("dev/parley/protocol/asyncapi-ws.yaml")) {
            Map<String, Object> doc = new Yaml().load(in);
            return (Map<String, Map<String, Object>>) ((Map<String, Object>) doc.get("components")).get("messages");
        }
    }

    @Test
    void everyServerFrameIsDocumented() throws Exception {
        EventPayloads payloads = new EventPayloads(ParleyJson.mapper());
        Set<String> sent = new TreeSet<>(Set.of("auth_response", "error", "pong", "resume_complete"));
        for (String type : EventTypes.ALL) {
            payloads.frameType(type).ifPresent(sent::add);
        }
        Set<String> documented = new TreeSet<>();
        messages().forEach((name, m) -> {
            if (name.startsWith("server")) {
                documented.add((String) m.get("name"));
            }
        });
        assertThat(documented).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void everyClientFrameIsDocumented() throws Exception {
        // the types ChatWebSocketHandler.onFrame accepts
        Set<String> accepted = Set.of("auth", "ping", "join_room", "leave_room", "typing_start", "typing_stop",
                "resume");
        Set<String> documented = new TreeSet<>();
        messages().forEach((name, m) -> {
            if (name.startsWith("client")) {
                documented.add((String) m.get("name"));
            }
        });
        assertThat(documented).containsExactlyInAnyOrderElementsOf(accepted);
    }
}
