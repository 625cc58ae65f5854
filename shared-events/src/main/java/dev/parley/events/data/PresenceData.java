package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code data} of {@code event.user.online} and {@code event.user.offline} (published by gateway-ws): a user's
 * first socket opened, or their last socket closed, at {@code at}.
 */
public record PresenceData(UUID userId, Instant at) {
}
