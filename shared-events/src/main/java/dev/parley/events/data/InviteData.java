package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

/** An invitation to a room. */
public record InviteData(UUID id, UUID roomId, UUID inviteeId, UUID inviterId, String status, Instant createdAt,
        Instant respondedAt) {
}
