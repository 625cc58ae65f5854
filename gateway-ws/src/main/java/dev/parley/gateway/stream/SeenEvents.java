package dev.parley.gateway.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ids of the last events this instance pushed: a record that comes again (the outbox relay re-publishes a
 * batch whose commit it did not see, a producer retry) is not pushed twice. Bounded to the newest
 * {@code capacity} ids; a duplicate arrives within seconds of the original, long before it is forgotten.
 */
final class SeenEvents {

    private final Map<UUID, Boolean> ids;

    SeenEvents(int capacity) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered, false on every later time. */
    synchronized boolean firstTime(UUID eventId) {
        return ids.putIfAbsent(eventId, Boolean.TRUE) == null;
    }
}
