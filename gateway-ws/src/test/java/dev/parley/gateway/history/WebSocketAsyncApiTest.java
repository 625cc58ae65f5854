package dev.parley.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The AsyncAPI document of the resume extension says what the code does. */
class WebSocketAsyncApiTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> doc() throws Exception {
        try (InputStream in = WebSocketAsyncApiTest.class.getResourceAsStream("/asyncapi/websocket.yaml")) {
            return new Yaml().load(in);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void itDescribesResumeResumeCompleteAndEveryReason() throws Exception {
        Map<String, Object> doc = doc();
        assertThat(doc.get("asyncapi")).isEqualTo("3.0.0");
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("messages");
        assertThat(messages).containsKeys("auth", "resume", "resumeComplete", "roomStreamFrame");
        String text = new String(WebSocketAsyncApiTest.class.getResourceAsStream("/asyncapi/websocket.yaml")
                .readAllBytes());
        for (String reason : List.of(Resume.NOT_A_MEMBER, Resume.TOO_MANY, Resume.RETENTION_EXCEEDED,
                Resume.UNAVAILABLE)) {
            assertThat(text).contains(reason);
        }
        Map<String, Object> operations = (Map<String, Object>) doc.get("operations");
        assertThat(operations).containsKeys("sendResume", "receiveResumeComplete", "receiveRoomStream");
    }
}
