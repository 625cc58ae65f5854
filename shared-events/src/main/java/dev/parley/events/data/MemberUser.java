package dev.parley.events.data;

import java.util.UUID;

/** The {@code user} object of the guide's Room Member object. */
public record MemberUser(UUID id, String username, String displayName, String avatar, String status) {

    public static MemberUser of(UserProfile p) {
        return new MemberUser(p.id(), p.username(), p.displayName(), p.avatar(), p.status());
    }
}
