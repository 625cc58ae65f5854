package dev.parley.auth.user;

import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.EventTypes;
import dev.parley.platform.outbox.Outbox;

/**
 * The events of a user's changes. Each carries the whole public profile (so projections never call back) and,
 * for updates, {@code changes}: only the fields that changed.
 */
@Component
public class UserEvents {

    private final Outbox outbox;
    private final JsonMapper mapper;

    public UserEvents(Outbox outbox, JsonMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    public Mono<Void> created(User user, Instant at) {
        return outbox.append(EventTypes.USER_CREATE, user.id(), null, user.id(), user.profile(), at).then();
    }

    public Mono<Void> profileUpdated(User user, Map<String, Object> changes, Instant at) {
        return outbox.append(EventTypes.USER_PROFILE_UPDATE, user.id(), null, user.id(), withChanges(user, changes),
                at).then();
    }

    public Mono<Void> statusChanged(User user, java.util.UUID actor, Instant at) {
        return outbox.append(EventTypes.USER_STATUS_CHANGE, actor, null, user.id(),
                withChanges(user, Map.of("status", user.effectiveStatus())), at).then();
    }

    private ObjectNode withChanges(User user, Map<String, Object> changes) {
        ObjectNode data = mapper.valueToTree(user.profile());
        data.set("changes", mapper.valueToTree(changes));
        return data;
    }
}
