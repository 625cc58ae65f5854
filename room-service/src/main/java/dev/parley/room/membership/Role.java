package dev.parley.room.membership;

import java.util.Locale;

/** A member's role in a room. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
