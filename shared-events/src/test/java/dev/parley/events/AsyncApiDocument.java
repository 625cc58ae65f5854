package dev.parley.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The AsyncAPI 3 document of Parley's topics, generated from {@link Topics}, {@link EventCatalog}, the envelope
 * schema and the data records: one channel per topic (with its Kafka topic binding), one message per event type
 * (payload: the envelope with its {@code data} record; headers: the CloudEvents Kafka binding's; key: the aggregate
 * id), one {@code send} operation per channel. Self-contained: every schema is a component.
 */
final class AsyncApiDocument {

    private static final JsonMapper JSON = ParleyJson.mapper();
    private static final String KAFKA_BINDING = "0.5.0";

    /** channel name, description, key description, cleanup policy, retention (ms; null: the broker's default). */
    private record Channel(String name, String description, String key, String cleanup, Long retentionMs) {
    }

    private static final Map<String, Channel> CHANNELS = new java.util.LinkedHashMap<>();

    static {
        channel(Topics.USER, "eventUser", "Users: registration, profile and status changes, presence.", "user id",
                "delete", null);
        channel(Topics.ROOM, "eventRoom", "Rooms, membership and invitations. Retained forever (ADR 0002).",
                "room id", "delete", -1L);
        channel(Topics.MESSAGE, "eventMessage", "Messages, reactions, read positions. The room's message stream "
                + "(send, edit, delete, reaction.add, reaction.remove) carries the envelope's seq: per room, +1 per "
                + "event in commit order.", "room id", "delete", null);
        channel(Topics.TYPING, "eventTyping", "Typing indicators. Ephemeral.", "room id", "delete", 60_000L);
        channel(Topics.SYSTEM, "eventSystem", "System-wide notices and gateway heartbeats.", null, "delete", null);
        channel(Topics.NOTIFICATION, "eventNotification", "Notifications for one user (mentions, invitations, "
                + "uploads).", "target user id", "delete", 86_400_000L);
        channel(Topics.ROOM_MEMBERSHIP, "roomMembership", "Compacted: the latest membership snapshot of each room, "
                + "written with every membership change in the same transaction (ADR 0010). Read it from the "
                + "beginning for current membership instead of replaying event.room.", "room id", "compact", null);
        channel(Topics.SESSION_REVOCATION, "sessionRevocation", "Ended login sessions: access tokens whose sid is "
                + "revoked are refused until `until`, their sockets closed (ADR 0015).", "user id", "delete",
                86_400_000L);
    }

    private AsyncApiDocument() {
    }

    private static void channel(String topic, String name, String description, String key, String cleanup,
            Long retentionMs) {
        CHANNELS.put(topic, new Channel(name, description, key, cleanup, retentionMs));
    }

    static String yaml() {
        return yamlMapper().writeValueAsString(document());
    }

    static YAMLMapper yamlMapper() {
        return YAMLMapper.builder()
                .disable(YAMLWriteFeature.SPLIT_LINES)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .build();
    }

    static ObjectNode document() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Parley events");
        info.put("version", EventEnvelope.CURRENT_VERSION + ".0.0");
        info.put("description", """
                Parley's Kafka topics: the public, versioned contract other systems consume. Generated from \
                shared-events (EventCatalog and the records of dev.parley.events.data); do not edit by hand.
                Every record value is the envelope, its data the record of its type. Headers follow the \
                CloudEvents Kafka protocol binding (binary content mode): ce_specversion, ce_id (= event_id), \
                ce_type (= type), ce_source (/parley/<producer>), ce_time (= occurred_at), content-type, and \
                traceparent (W3C Trace Context) when the event was caused inside a trace. Keys keep one \
                aggregate's events in order on one partition. Versioning rules: shared-events/README.md.""");
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        doc.put("defaultContentType", "application/json");
        ObjectNode server = doc.putObject("servers").putObject("kafka");
        server.put("host", "localhost:9092");
        server.put("protocol", "kafka");
        server.put("description", "The local stack's broker (./run-local.sh); on Kubernetes, the Strimzi cluster's "
                + "TLS listener with a KafkaUser (Parley's README: Kafka from another system).");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");

        schemas.set("envelope", envelopeSchema());
        schemas.set("recordHeaders", headersSchema());
        for (Class<? extends Record> type : ContractDocuments.dataTypes()) {
            addSchema(schemas, type.getSimpleName(), ContractDocuments.schema(type));
        }
        for (String topic : Topics.ALL) {
            Channel c = CHANNELS.get(topic);
            ObjectNode channel = channels.putObject(c.name());
            channel.put("address", topic);
            channel.put("description", c.description() + (c.key() == null ? " No key." : " Key: " + c.key() + "."));
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode topicBinding = channel.putObject("bindings").putObject("kafka");
            topicBinding.put("topic", topic);
            ObjectNode topicConfig = topicBinding.putObject("topicConfiguration");
            topicConfig.putArray("cleanup.policy").add(c.cleanup());
            if (c.retentionMs() != null) {
                topicConfig.put("retention.ms", c.retentionMs());
            }
            topicBinding.put("bindingVersion", KAFKA_BINDING);

            ObjectNode send = operations.putObject("publish" + Character.toUpperCase(c.name().charAt(0))
                    + c.name().substring(1));
            send.put("action", "send");
            send.putObject("channel").put("$ref", "#/channels/" + c.name());
            send.put("summary", "Parley's services publish these events (through their transactional outboxes).");
            ArrayNode sendMessages = send.putArray("messages");

            for (EventCatalog.Entry e : EventCatalog.entries()) {
                if (!Topics.forType(e.type()).equals(topic)) {
                    continue;
                }
                String name = messageName(e.type());
                channelMessages.putObject(name).put("$ref", "#/components/messages/" + name);
                sendMessages.addObject().put("$ref", "#/channels/" + c.name() + "/messages/" + name);
                messages.set(name, message(e, c));
            }
        }
        return doc;
    }

    private static ObjectNode message(EventCatalog.Entry e, Channel c) {
        ObjectNode m = JSON.createObjectNode();
        m.put("name", e.type());
        m.put("title", e.type());
        m.put("summary", e.description());
        m.put("contentType", "application/json");
        m.putObject("headers").put("$ref", "#/components/schemas/recordHeaders");
        ObjectNode payload = m.putObject("payload");
        ArrayNode allOf = payload.putArray("allOf");
        allOf.addObject().put("$ref", "#/components/schemas/envelope");
        ObjectNode typed = allOf.addObject();
        typed.put("type", "object");
        ObjectNode props = typed.putObject("properties");
        props.putObject("type").put("const", e.type());
        props.putObject("data").put("$ref", "#/components/schemas/" + e.data().getSimpleName());
        ObjectNode binding = m.putObject("bindings").putObject("kafka");
        ObjectNode key = binding.putObject("key");
        if (c.key() == null) {
            key.put("type", "null");
            key.put("description", "no key");
        } else {
            key.put("type", "string").put("format", "uuid").put("description", c.key());
        }
        binding.put("bindingVersion", KAFKA_BINDING);
        return m;
    }

    static String messageName(String type) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : type.toCharArray()) {
            if (ch == '.') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }

    private static ObjectNode headersSchema() {
        ObjectNode h = JSON.createObjectNode();
        h.put("type", "object");
        h.put("description", "Record headers (UTF-8 strings): the CloudEvents Kafka protocol binding's attributes, "
                + "Parley's own event_type and event_id (kept for consumers written before CloudEvents), and W3C "
                + "traceparent.");
        h.putArray("required").add("ce_specversion").add("ce_id").add("ce_type").add("ce_source").add("ce_time")
                .add("content-type").add("event_type").add("event_id");
        ObjectNode p = h.putObject("properties");
        p.putObject("ce_specversion").put("const", "1.0");
        p.putObject("ce_id").put("type", "string").put("format", "uuid").put("description", "= event_id");
        p.putObject("ce_type").put("type", "string").put("description", "= type");
        p.putObject("ce_source").put("type", "string").put("pattern", "^/parley/[a-z-]+$")
                .put("description", "/parley/<producer>");
        p.putObject("ce_time").put("type", "string").put("format", "date-time").put("description", "= occurred_at");
        p.putObject("content-type").put("const", "application/json");
        p.putObject("event_type").put("type", "string").put("description", "= type");
        p.putObject("event_id").put("type", "string").put("format", "uuid").put("description", "= event_id");
        p.putObject("traceparent").put("type", "string")
                .put("pattern", "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")
                .put("description", "W3C Trace Context of the request that caused the event, when there was one");
        return h;
    }

    private static ObjectNode envelopeSchema() {
        try (InputStream in = AsyncApiDocument.class.getResourceAsStream("/" + ContractDocuments.BASE
                + "schema/envelope.schema.json")) {
            ObjectNode envelope = (ObjectNode) JSON.readTree(in);
            envelope.remove("$schema");
            envelope.remove("$id");
            return envelope;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated record schema as components: its {@code $defs} become components too, refs rewritten. */
    private static void addSchema(ObjectNode schemas, String name, ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        copy.remove("$schema");
        copy.remove("$id");
        JsonNode defs = copy.remove("$defs");
        if (defs != null) {
            for (Map.Entry<String, JsonNode> def : defs.properties()) {
                if (!schemas.has(def.getKey())) {
                    schemas.set(def.getKey(), rewriteRefs(def.getValue().deepCopy()));
                }
            }
        }
        schemas.set(name, rewriteRefs(copy));
    }

    private static JsonNode rewriteRefs(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith("#/$defs/")) {
                o.set("$ref", StringNode.valueOf("#/components/schemas/" + ref.asString().substring(8)));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
                rewriteRefs(it.next().getValue());
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(AsyncApiDocument::rewriteRefs);
        }
        return node;
    }
}
