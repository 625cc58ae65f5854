package dev.parley.auth.user;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.parley.events.data.UserProfile;

/** The guide's User object, as its owner sees it: the shared public {@link UserProfile} (inline) and {@code email}. */
public record UserResponse(@JsonUnwrapped UserProfile profile, String email) {

    public static UserResponse of(User u) {
        return new UserResponse(u.profile(), u.email());
    }
}
