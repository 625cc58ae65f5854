package dev.parley.auth.user;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.data.UserChangeData;
import dev.parley.platform.outbox.Outbox;

/**
 * The events of a user's changes. Each carries the whole public profile (so projections never call back) and,
 * for updates, {@code changes}: only the fields that changed.
 */
@Component
public class UserEvents {

    private final Outbox outbox;

    public UserEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> created(User user, Instant at) {
        return outbox.append(EventTypes.USER_CREATE, user.id(), null, user.id(), user.profile(), at).then();
    }

    public Mono<Void> profileUpdated(User user, Map<String, Object> changes, Instant at) {
        return outbox.append(EventTypes.USER_PROFILE_UPDATE, user.id(), null, user.id(), withChanges(user, changes),
                at).then();
    }

    public Mono<Void> statusChanged(User user, UUID actor, Instant at) {
        return outbox.append(EventTypes.USER_STATUS_CHANGE, actor, null, user.id(),
                withChanges(user, Map.of("status", user.effectiveStatus())), at).then();
    }

    private static UserChangeData withChanges(User user, Map<String, Object> changes) {
        return UserChangeData.of(user.profile(), changes);
    }
}
