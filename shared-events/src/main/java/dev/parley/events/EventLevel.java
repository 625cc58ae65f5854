package dev.parley.events;

import java.util.Locale;

/** The guide's "Event Levels", plus {@code notification} for user-targeted events (an addition). */
public enum EventLevel {
    USER, ROOM, MESSAGE, SYSTEM, NOTIFICATION;

    /** The wire spelling: {@code "user"}, {@code "room"}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventLevel fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /**
     * The level of an event type, from its second segment. Typing events ({@code event.user.typing.*})
     * are user-level, as in the guide.
     */
    public static EventLevel of(String eventType) {
        String[] parts = eventType.split("\\.");
        if (parts.length < 3 || !"event".equals(parts[0])) {
            throw new IllegalArgumentException("not a Parley event type: " + eventType);
        }
        return fromWireName(parts[1]);
    }
}
