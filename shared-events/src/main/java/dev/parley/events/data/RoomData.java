package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

/** A room's own state (the guide's Room object without the per-caller and derived fields). */
public record RoomData(
        UUID id,
        String name,
        String description,
        String type,
        String avatar,
        boolean isPublic,
        Integer maxMembers,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt) {
}
