package dev.parley.events;

import java.util.Locale;
import java.util.Optional;

/** A member's role in a room; on the wire (events, REST) its lower-case name: {@code owner}, {@code admin}, {@code member}. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code wire} names this role. */
    public boolean is(String wire) {
        return wireName().equals(wire);
    }

    /** Owners and admins moderate a room: they change it and delete others' messages. */
    public boolean moderates() {
        return this != MEMBER;
    }

    public static Role of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public static Optional<Role> parse(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.wireName().equals(wire)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
