package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An invitation to a room. */
public record InviteData(UUID id, UUID roomId, UUID inviteeId, UUID inviterId, String status, Instant createdAt,
        @Nullable Instant respondedAt) {
}
