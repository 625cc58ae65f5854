package dev.parley.room.core;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.parley.events.data.RoomData;

/**
 * The guide's Room object, as one caller sees it: the room's own state (the shared {@link RoomData}, its fields
 * inline) and what is derived for the caller ({@code member_count}, {@code last_message}, their
 * {@code unread_count}).
 */
public record RoomResponse(
        @JsonUnwrapped RoomData room,
        long memberCount,
        LastMessage lastMessage,
        long unreadCount) {

    /** The guide's {@code last_message}. */
    public record LastMessage(UUID id, String content, String type, Author user, Instant createdAt) {
    }

    public record Author(UUID id, String username, String displayName) {
    }

    public static RoomResponse of(Room r, long memberCount) {
        return new RoomResponse(r.data(), memberCount, null, 0);
    }
}
