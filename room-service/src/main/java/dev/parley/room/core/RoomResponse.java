package dev.parley.room.core;

import java.time.Instant;
import java.util.UUID;

/** The guide's Room object, as one caller sees it ({@code unread_count} is theirs). */
public record RoomResponse(
        UUID id,
        String name,
        String description,
        String type,
        String avatar,
        boolean isPublic,
        Integer maxMembers,
        long memberCount,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt,
        LastMessage lastMessage,
        long unreadCount) {

    /** The guide's {@code last_message}. */
    public record LastMessage(UUID id, String content, String type, Author user, Instant createdAt) {
    }

    public record Author(UUID id, String username, String displayName) {
    }

    public static RoomResponse of(Room r, long memberCount) {
        return new RoomResponse(r.id(), r.name(), r.description(), r.type(), r.avatar(), r.isPublic(),
                r.maxMembers(), memberCount, r.createdBy(), r.createdAt(), r.updatedAt(), null, 0);
    }
}
