package dev.parley.gateway.ws;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.Times;
import dev.parley.platform.web.ErrorCodes;

/** Builds the protocol's own server frames: {@code auth_response}, {@code pong} and {@code error}. */
final class Frames {

    private final JsonMapper mapper;
    private final Clock clock;

    Frames(JsonMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    String authResponse(boolean success, String message, UUID userId) {
        ObjectNode n = mapper.createObjectNode().put("type", "auth_response").put("success", success)
                .put("message", message);
        n.put("user_id", userId == null ? null : userId.toString());
        return n.toString();
    }

    String pong() {
        return mapper.createObjectNode().put("type", "pong").put("timestamp", Times.now(clock).toString()).toString();
    }

    String error(String code, String message, Map<String, String> details) {
        ObjectNode n = mapper.createObjectNode().put("type", "error").put("event_id", UUID.randomUUID().toString())
                .put("error_code", code).put("message", message);
        ObjectNode d = n.putObject("details");
        details.forEach(d::put);
        n.put("timestamp", Times.now(clock).toString());
        return n.toString();
    }

    /** The error frame for an action that needs an authenticated socket. */
    String unauthenticated(String action) {
        return error(ErrorCodes.UNAUTHORIZED, "Authentication required", Map.of("action", action));
    }

    /** A frame's field as a UUID, or null when it is missing or not one. */
    static UUID uuid(JsonNode frame, String field) {
        if (!frame.hasNonNull(field) || !frame.get(field).isString()) {
            return null;
        }
        try {
            return UUID.fromString(frame.get(field).asString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
