package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code data} of {@code event.user.online} and {@code event.user.offline} (published by gateway-ws): on gateway
 * instance {@code instance_id}, the user's first socket opened, or their last socket closed, at {@code at}. A user
 * is online while any instance holds a socket of theirs.
 */
public record PresenceData(UUID userId, Instant at, String instanceId) {

    public PresenceData(UUID userId, Instant at) {
        this(userId, at, null);
    }
}
