package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The committed schemas and AsyncAPI document are what the records and the catalog generate. After changing a
 * record or the catalog: {@code ./mvnw -pl shared-events test -Dtest=ContractDocumentsTest -Dparley.contract.write=true}.
 */
class ContractDocumentsTest {

    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    void theCommittedDocumentsAreGeneratedFromTheRecords() throws IOException {
        Map<String, String> docs = ContractDocuments.all();
        boolean write = Boolean.getBoolean("parley.contract.write");
        for (Map.Entry<String, String> doc : docs.entrySet()) {
            Path file = RESOURCES.resolve(doc.getKey());
            if (write) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, doc.getValue(), StandardCharsets.UTF_8);
            }
            assertThat(file).as("%s: regenerate with -Dparley.contract.write=true", doc.getKey()).exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as("%s is not what the records generate: regenerate with -Dparley.contract.write=true",
                            doc.getKey())
                    .isEqualTo(doc.getValue());
        }
        try (var existing = Files.list(RESOURCES.resolve(ContractDocuments.BASE + "schema/data"))) {
            assertThat(existing.map(p -> ContractDocuments.BASE + "schema/data/" + p.getFileName()))
                    .as("schemas of records no event carries").allMatch(docs::containsKey);
        }
    }

    @Test
    void aProducerMayOnlyEncodeTheRecordOfItsType() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventCatalog.requireData(EventTypes.MESSAGE_SEND,
                Map.of("content", "hi"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MessageData");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventCatalog.requireData(EventTypes.ROOM_LEAVE,
                new dev.parley.events.data.RoomDeletedData(null, null))).hasMessageContaining("MemberChangeData");
        EventCatalog.requireData(EventTypes.SYSTEM_BROADCAST,
                new dev.parley.events.data.SystemNoticeData(null, "hello", null, null));
    }

    @Test
    void everyEventTypeHasADataRecord() {
        for (String type : EventTypes.ALL) {
            assertThat(EventCatalog.dataType(type)).as(type).isNotNull();
        }
    }
}
