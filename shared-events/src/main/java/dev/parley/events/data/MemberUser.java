package dev.parley.events.data;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The {@code user} object of the guide's Room Member object. */
public record MemberUser(UUID id, String username, @Nullable String displayName, @Nullable String avatar,
        @Nullable String status) {

    public static MemberUser of(UserProfile p) {
        return new MemberUser(p.id(), p.username(), p.displayName(), p.avatar(), p.status());
    }
}
