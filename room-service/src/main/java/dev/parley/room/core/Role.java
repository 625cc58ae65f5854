package dev.parley.room.core;

import java.util.Locale;
import java.util.Optional;

/** A member's role in a room. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
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
