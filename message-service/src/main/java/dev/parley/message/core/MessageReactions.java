package dev.parley.message.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.parley.events.data.Reaction;

/** The reactions a message is shown with; the reaction feature keeps them (it depends on messages, not back). */
public interface MessageReactions {

    /** The reactions of some messages as the guide's list, {@code user_reacted} relative to the reader. */
    Mono<Map<UUID, List<Reaction>>> of(Collection<UUID> messageIds, UUID reader);
}
