package dev.parley.auth.user;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.parley.events.Times;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.MergePatch;
import dev.parley.platform.web.PageRequest;
import dev.parley.platform.web.Pagination;

/** Reading and changing profiles and statuses; every change and its event commit together. */
@Service
class ProfileService {

    static final Set<String> STATUSES = Set.of("online", "away", "busy", "offline");

    private final UserRepository users;
    private final UserEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ProfileService(UserRepository users, UserEvents events, TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<User> get(UUID id) {
        return users.findById(id).switchIfEmpty(Mono.error(ApiException.notFound("User not found")));
    }

    /**
     * Applies a partial update ({@code display_name}, {@code avatar}; {@code avatar: null} removes it). Publishes
     * {@code event.user.profile.update} with only the fields that changed; nothing when nothing changed.
     */
    public Mono<User> update(UUID id, JsonNode body) {
        Map<String, Object> requested = validate(body);
        return get(id).flatMap(user -> {
            Map<String, Object> changes = new LinkedHashMap<>();
            requested.forEach((field, value) -> {
                Object current = "display_name".equals(field) ? user.displayName() : user.avatar();
                if (!Objects.equals(current, value)) {
                    changes.put(field, value);
                }
            });
            if (changes.isEmpty()) {
                return Mono.just(user);
            }
            Instant now = Times.now(clock);
            String displayName = (String) changes.getOrDefault("display_name", user.displayName());
            String avatar = changes.containsKey("avatar") ? (String) changes.get("avatar") : user.avatar();
            return tx.transactional(users.updateProfile(id, displayName, avatar, now)
                    .flatMap(updated -> events.profileUpdated(updated, changes, now).thenReturn(updated)));
        });
    }

    /** What {@code PATCH /users/me} may change; {@code avatar: null} removes it. */
    private static final MergePatch PROFILE = MergePatch.of("Cannot be changed here")
            .field("display_name", MergePatch.name(64, "Display name must be 1 to 64 characters"))
            .field("avatar", MergePatch.url("Avatar must be an http(s) URL of at most 2048 characters"));

    static Map<String, Object> validate(JsonNode body) {
        return PROFILE.validate(body);
    }

    /** Sets the status the user chose; publishes {@code event.user.status.change} when it changed. */
    public Mono<User> setStatus(UUID id, String status) {
        if (status == null || !STATUSES.contains(status)) {
            return Mono.error(ApiException.validation("status", "Status must be one of online, away, busy, offline"));
        }
        return get(id).flatMap(user -> {
            if (user.status().equals(status)) {
                return Mono.just(user);
            }
            Instant now = Times.now(clock);
            return tx.transactional(users.updateStatus(id, status, now)
                    .flatMap(updated -> events.statusChanged(updated, id, now).thenReturn(updated)));
        });
    }

    public Mono<Page> search(String text, PageRequest page) {
        String q = text == null ? "" : text.trim();
        if (q.length() > 64) {
            return Mono.error(ApiException.validation("search", "Search text must be at most 64 characters"));
        }
        return Mono.zip(users.countSearch(q), users.search(q, page.offset(), page.limit())
                        .map(User::profile).collectList())
                .map(t -> new Page(t.getT2(), page.pagination(t.getT1())));
    }

    public record Page(List<dev.parley.events.data.UserProfile> users, Pagination pagination) {
    }
}
