package dev.parley.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** Checks JSON documents against JSON Schemas on the classpath (draft 2020-12). */
public final class JsonSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    public static List<Error> validate(String schemaResource, String json) {
        return schema(schemaResource).validate(json, InputFormat.JSON);
    }

    /** Fails the test, naming every violation, unless {@code json} matches the schema. */
    public static void assertMatches(String schemaResource, String json) {
        List<Error> errors = validate(schemaResource, json);
        assertThat(errors).as("%s against %s", json, schemaResource).isEmpty();
    }

    private static Schema schema(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            InputStream in = JsonSchemas.class.getResourceAsStream(r.startsWith("/") ? r : "/" + r);
            if (in == null) {
                throw new IllegalArgumentException("no schema on the classpath at " + r);
            }
            return REGISTRY.getSchema(in);
        });
    }
}
