package dev.parley.gateway.docs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the OpenAPI documents of the services behind the gateway into one, as a frontend sees the API: one origin,
 * every path. Paths and operations are united; a component schema two services define differently is renamed
 * {@code <Name>_<service>} in the later one (its references with it); security schemes and tags are united.
 */
final class OpenApiMerger {

    /** One service's document. */
    record Source(String service, JsonNode document) {
    }

    /** The paths the gateway routes to the services. */
    static final String ROUTED = "/api/";

    private final JsonMapper mapper;

    OpenApiMerger(JsonMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode merge(List<Source> sources, List<String> unavailable, String version) {
        ObjectNode out = mapper.createObjectNode();
        out.put("openapi", sources.isEmpty() ? "3.1.0" : sources.get(0).document().path("openapi").asString("3.1.0"));
        ObjectNode info = out.putObject("info");
        info.put("title", "Parley API");
        info.put("version", version);
        info.put("description", "Every REST endpoint of Parley's services, as the gateway serves them (one origin). "
                + "Responses use the envelope {success, message, data, pagination}; errors {success: false, error: "
                + "{code, message, details: [{field, message}]}}. The WebSocket protocol: /asyncapi.yaml."
                + (unavailable.isEmpty() ? "" : " Not included (did not answer): " + String.join(", ", unavailable)
                        + "."));
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        out.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
        ObjectNode paths = out.putObject("paths");
        ObjectNode components = out.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        ArrayNode tags = out.putArray("tags");
        Set<String> tagNames = new HashSet<>();
        List<String> security = new ArrayList<>();

        for (Source source : sources) {
            ObjectNode doc = (ObjectNode) source.document().deepCopy();
            List<String> clashing = new ArrayList<>();
            for (Map.Entry<String, JsonNode> schema : doc.path("components").path("schemas").properties()) {
                JsonNode existing = schemas.get(schema.getKey());
                if (existing != null && !existing.equals(schema.getValue())) {
                    clashing.add(schema.getKey());
                }
            }
            clashing.forEach(name -> rename(doc, name, name + "_" + source.service().replace('-', '_')));
            doc.path("components").path("schemas").properties()
                    .forEach(e -> schemas.set(e.getKey(), e.getValue()));
            doc.path("components").path("securitySchemes").properties()
                    .forEach(e -> securitySchemes.set(e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                if (!path.getKey().startsWith(ROUTED)) {
                    continue; // a service's own endpoint the gateway does not route (its JWKS, say)
                }
                ObjectNode target = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey())
                        : paths.putObject(path.getKey());
                path.getValue().properties().forEach(op -> {
                    if (!target.has(op.getKey())) {
                        target.set(op.getKey(), op.getValue());
                    }
                });
            }
            for (JsonNode tag : doc.path("tags")) {
                if (tagNames.add(tag.path("name").asString())) {
                    tags.add(tag);
                }
            }
            for (JsonNode requirement : doc.path("security")) {
                if (!security.contains(requirement.toString())) {
                    security.add(requirement.toString());
                }
            }
        }
        if (!security.isEmpty()) {
            ArrayNode s = out.putArray("security");
            security.forEach(r -> s.add(mapper.readTree(r)));
        }
        return out;
    }

    /** Renames a component schema of one document and every reference to it. */
    private static void rename(ObjectNode doc, String from, String to) {
        ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
        JsonNode schema = schemas.remove(from);
        schemas.set(to, schema);
        String oldRef = "#/components/schemas/" + from;
        String newRef = "#/components/schemas/" + to;
        rewrite(doc, oldRef, newRef);
    }

    private static void rewrite(JsonNode node, String oldRef, String newRef) {
        if (node instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isString() && ref.asString().equals(oldRef)) {
                o.put("$ref", newRef);
            }
            o.properties().forEach(e -> rewrite(e.getValue(), oldRef, newRef));
        } else if (node instanceof ArrayNode a) {
            a.forEach(n -> rewrite(n, oldRef, newRef));
        }
    }
}
