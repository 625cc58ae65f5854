package dev.parley.platform.consumer;

import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.data.UserProfile;

/** Reads the public profile out of the {@code event.user} events that carry one. */
public final class UserProfiles {

    private UserProfiles() {
    }

    /** The profile of a {@code create} or {@code profile.update} event; empty for other user events. */
    public static Optional<UserProfile> from(EventEnvelope event, JsonMapper mapper) {
        if (!EventTypes.USER_CREATE.equals(event.type()) && !EventTypes.USER_PROFILE_UPDATE.equals(event.type())) {
            return Optional.empty();
        }
        UserProfile profile = mapper.treeToValue(event.data(), UserProfile.class);
        return profile.id() == null || profile.username() == null ? Optional.empty() : Optional.of(profile);
    }
}
