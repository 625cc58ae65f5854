package dev.parley.platform.consumer;

import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.data.UserProfile;

/** Reads the public profile out of the {@code event.user} events that carry one. */
public final class UserProfiles {

    private UserProfiles() {
    }

    private static final Set<String> WITH_PROFILE = Set.of(EventTypes.USER_CREATE,
            EventTypes.USER_PROFILE_UPDATE, EventTypes.USER_STATUS_CHANGE);

    /**
     * The profile of a {@code create}, {@code profile.update} or {@code status.change} event (auth-service
     * publishes the whole public profile with each); empty for other user events.
     */
    public static Optional<UserProfile> from(EventEnvelope event, JsonMapper mapper) {
        if (!WITH_PROFILE.contains(event.type())) {
            return Optional.empty();
        }
        UserProfile profile = mapper.treeToValue(event.data(), UserProfile.class);
        return profile.id() == null || profile.username() == null ? Optional.empty() : Optional.of(profile);
    }
}
