package dev.parley.events;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as Parley stores and sends them: UTC, millisecond precision (PostgreSQL keeps micros). */
public final class Times {

    private Times() {
    }

    public static Instant now() {
        return now(Clock.systemUTC());
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
