package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A room's own state (the guide's Room object without the per-caller and derived fields). */
public record RoomData(
        UUID id,
        @Nullable String name,
        @Nullable String description,
        String type,
        @Nullable String avatar,
        boolean isPublic,
        @Nullable Integer maxMembers,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt) {
}
