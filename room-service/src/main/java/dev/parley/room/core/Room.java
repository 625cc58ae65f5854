package dev.parley.room.core;

import java.time.Instant;
import java.util.UUID;

import dev.parley.events.data.RoomData;

/** A room as room-service stores it. */
public record Room(UUID id, String name, String description, String type, String avatar, boolean isPublic,
        Integer maxMembers, UUID createdBy, Instant createdAt, Instant updatedAt) {

    public RoomData data() {
        return new RoomData(id, name, description, type, avatar, isPublic, maxMembers, createdBy, createdAt, updatedAt);
    }

    public boolean isDirect() {
        return "direct".equals(type);
    }

    public Room with(String name, String description, String avatar, boolean isPublic, Integer maxMembers,
            Instant updatedAt) {
        return new Room(id, name, description, type, avatar, isPublic, maxMembers, createdBy, createdAt, updatedAt);
    }
}
