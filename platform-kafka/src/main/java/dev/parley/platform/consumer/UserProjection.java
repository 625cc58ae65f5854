package dev.parley.platform.consumer;

import reactor.core.publisher.Mono;

import dev.parley.events.data.UserProfile;

/**
 * What a service keeps of {@code event.user}: the public profiles its own answers and events embed. A service that
 * declares one gets {@link UserEventConsumer} to keep it current.
 */
public interface UserProjection {

    /** Stores a profile unless a newer one is already stored (one user's events arrive in order). */
    Mono<Void> apply(UserProfile profile);
}
