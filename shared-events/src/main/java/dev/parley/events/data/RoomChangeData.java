package dev.parley.events.data;

import java.util.Map;
import java.util.UUID;

/**
 * {@code data} of {@code event.room.update}: the room as it now is, only the fields that changed, and who
 * changed them (the guide's {@code room_update} payload).
 */
public record RoomChangeData(RoomData room, Map<String, Object> changes, UUID updatedBy) {
}
