package dev.parley.platform.security;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authenticated caller, read from a validated access token. The token carries the user's
 * {@code preferred_username} and {@code name} so that a service can describe the actor of an action
 * before its own user projection has caught up.
 */
public record CurrentUser(UUID id, String username, String displayName) {

    public static final String CLAIM_USERNAME = "preferred_username";
    public static final String CLAIM_DISPLAY_NAME = "name";

    public static CurrentUser of(Jwt jwt) {
        return new CurrentUser(UUID.fromString(jwt.getSubject()), jwt.getClaimAsString(CLAIM_USERNAME),
                jwt.getClaimAsString(CLAIM_DISPLAY_NAME));
    }
}
