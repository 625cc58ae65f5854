package dev.parley.events.data;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code data} of {@code event.system.broadcast}, {@code event.system.maintenance} and {@code event.system.shutdown}:
 * a notice for every connected client. {@code priority} is {@code low}, {@code normal} or {@code high} (null: the
 * kind's default); {@code data} is passed to clients as it is.
 */
public record SystemNoticeData(@Nullable String title, String message, @Nullable String priority,
        @Nullable Map<String, Object> data) {
}
