package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The AsyncAPI document says what the code does: the same topics and the same event types. */
class AsyncApiDocumentTest {

    @SuppressWarnings("unchecked")
    private final Map<String, Object> doc = load();

    @Test
    @SuppressWarnings("unchecked")
    void itListsEveryTopic() {
        Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) doc.get("channels");
        assertThat(channels.values()).extracting(c -> (String) c.get("address"))
                .containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    @SuppressWarnings("unchecked")
    void itListsEveryEventType() {
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        Map<String, Map<String, Object>> messages = (Map<String, Map<String, Object>>) components.get("messages");
        assertThat(messages.values()).extracting(m -> (String) m.get("name"))
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/dev/parley/events/asyncapi.yaml")) {
            return new Yaml().load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
