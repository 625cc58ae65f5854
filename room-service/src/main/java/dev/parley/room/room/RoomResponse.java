package dev.parley.room.room;

import java.time.Instant;
import java.util.UUID;

/**
 * The guide's Room object. {@code last_message} and {@code unread_count} are filled by the chat-list
 * projections (null and 0 until a message is sent).
 */
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
        Object lastMessage,
        long unreadCount) {

    public static RoomResponse of(Room r, long memberCount) {
        return new RoomResponse(r.id(), r.name(), r.description(), r.type(), r.avatar(), r.isPublic(),
                r.maxMembers(), memberCount, r.createdBy(), r.createdAt(), r.updatedAt(), null, 0);
    }
}
