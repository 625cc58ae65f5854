package dev.parley.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the contract's documents from {@link EventCatalog} and the records of {@code dev.parley.events.data}: one
 * JSON Schema per data record and the AsyncAPI 3 document of the topics. {@link ContractDocumentsTest} compares them
 * with the files in {@code src/main/resources} and rewrites them with {@code -Dparley.contract.write=true}.
 */
final class ContractDocuments {

    static final String BASE = "dev/parley/events/";
    static final String SCHEMA_ID = "https://parley.dev/schemas/events/";
    private static final JsonMapper JSON = ParleyJson.mapper();

    private ContractDocuments() {
    }

    /** Resource path (under {@code src/main/resources}) → document text. */
    static Map<String, String> all() {
        Map<String, String> docs = new LinkedHashMap<>();
        for (Class<? extends Record> type : dataTypes()) {
            docs.put(EventCatalog.schemaResource(type), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(schema(type)) + "\n");
        }
        docs.put(BASE + "asyncapi.yaml", AsyncApiDocument.yaml());
        docs.put("dev/parley/protocol/asyncapi-ws.yaml", WsProtocolDocument.yaml());
        return docs;
    }

    static Set<Class<? extends Record>> dataTypes() {
        Set<Class<? extends Record>> types = new LinkedHashSet<>();
        EventCatalog.entries().forEach(e -> types.add(e.data()));
        return types;
    }

    static ObjectNode schema(Class<? extends Record> type) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(JSON, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields()
                .withPropertyNameOverrideResolver(f -> snakeCase(f.getName()))
                .withRequiredCheck(f -> true)
                .withNullableCheck(f -> f.getRawMember().getAnnotatedType().isAnnotationPresent(Nullable.class));
        config.forTypesInGeneral()
                .withAdditionalPropertiesResolver(scope -> null)
                .withCustomDefinitionProvider((javaType, context) -> {
                    Class<?> erased = javaType.getErasedType();
                    ObjectNode node = JSON.createObjectNode();
                    if (erased == UUID.class) {
                        node.put("type", "string").put("format", "uuid");
                    } else if (erased == Instant.class) {
                        node.put("type", "string").put("format", "date-time").put("pattern", "Z$");
                    } else if (Map.class.isAssignableFrom(erased)) {
                        node.put("type", "object");
                    } else {
                        return null;
                    }
                    return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE,
                            CustomDefinition.AttributeInclusion.NO);
                });
        ObjectNode generated = new SchemaGenerator(config.build()).generateSchema(type);
        ObjectNode out = JSON.createObjectNode();
        out.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        out.put("$id", SCHEMA_ID + "data/" + type.getSimpleName() + ".schema.json");
        out.put("title", type.getSimpleName());
        out.put("description", "data of " + String.join(", ", typesOf(type))
                + ". Generated from dev.parley.events.data." + type.getSimpleName()
                + " (ContractDocumentsTest); consumers must ignore fields they do not know.");
        out.setAll(generated);
        return out;
    }

    /** The name ParleyJson (Jackson's SNAKE_CASE) writes for a record component. */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    static List<String> typesOf(Class<? extends Record> data) {
        List<String> types = new ArrayList<>();
        EventCatalog.entries().forEach(e -> {
            if (e.data() == data) {
                types.add(e.type());
            }
        });
        return types;
    }
}
