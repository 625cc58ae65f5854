package dev.parley.events.data;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The guide's Room Member object. */
public record MemberData(UUID userId, UUID roomId, String role, Instant joinedAt, @Nullable MemberUser user) {
}
