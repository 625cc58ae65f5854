package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * {@code data} of {@code event.user.typing.start/stop} (topic {@code event.typing}): who is typing where. A start
 * holds until {@code expires_at} unless renewed; a stop has no expiry.
 */
public record TypingData(UUID roomId, UserSummary user, @Nullable Instant expiresAt) {
}
