package dev.parley.message.reaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import dev.parley.events.data.Reaction;
import dev.parley.message.core.MessageReactions;

@Repository
class ReactionRepository implements MessageReactions {

    private final DatabaseClient db;

    public ReactionRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Adds a reaction; false when the user had already reacted with this emoji. */
    public Mono<Boolean> add(UUID messageId, UUID userId, String emoji, Instant at) {
        return db.sql("INSERT INTO message_reactions (message_id, user_id, emoji, created_at) "
                        + "VALUES (:m, :u, :e, :at) ON CONFLICT DO NOTHING")
                .bind("m", messageId).bind("u", userId).bind("e", emoji).bind("at", at)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Removes a reaction; false when there was none. */
    public Mono<Boolean> remove(UUID messageId, UUID userId, String emoji) {
        return db.sql("DELETE FROM message_reactions WHERE message_id = :m AND user_id = :u AND emoji = :e")
                .bind("m", messageId).bind("u", userId).bind("e", emoji).fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Integer> count(UUID messageId, String emoji) {
        return db.sql("SELECT count(*) AS c FROM message_reactions WHERE message_id = :m AND emoji = :e")
                .bind("m", messageId).bind("e", emoji).map(r -> r.get("c", Long.class).intValue()).one();
    }

    @Override
    public Mono<Map<UUID, List<Reaction>>> of(Collection<UUID> messageIds, UUID reader) {
        if (messageIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                SELECT message_id, emoji, array_agg(user_id ORDER BY created_at) AS users, min(created_at) AS first
                FROM message_reactions WHERE message_id = ANY(:ids)
                GROUP BY message_id, emoji ORDER BY message_id, first""")
                .bind("ids", messageIds.toArray(UUID[]::new))
                .map(r -> {
                    List<UUID> users = Arrays.asList(r.get("users", UUID[].class));
                    return Map.entry(r.get("message_id", UUID.class), new Reaction(r.get("emoji", String.class),
                            users.size(), users, users.contains(reader)));
                })
                .all()
                .collectList()
                .map(rows -> {
                    Map<UUID, List<Reaction>> out = new HashMap<>();
                    rows.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                    return out;
                });
    }
}
