package dev.parley.events.data;

import java.util.UUID;

/** {@code data} of {@code event.room.delete}. */
public record RoomDeletedData(RoomData room, UUID deletedBy) {
}
