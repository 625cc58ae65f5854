package dev.parley.message.reaction;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.ReactionData;
import dev.parley.message.core.MessageRules;
import dev.parley.message.core.MessageService;
import dev.parley.message.stream.RoomStream;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;

/** One reaction per user per emoji on a live message the user can see. */
@Service
class ReactionService {

    private final ReactionRepository reactions;
    private final MessageService messages;
    private final RoomStream stream;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ReactionService(ReactionRepository reactions, MessageService messages, RoomStream stream,
            TransactionalOperator tx, Clock clock) {
        this.reactions = reactions;
        this.messages = messages;
        this.stream = stream;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<MessageData> add(CurrentUser caller, UUID messageId, String emoji) {
        return change(caller, messageId, emoji, true);
    }

    public Mono<MessageData> remove(CurrentUser caller, UUID messageId, String emoji) {
        return change(caller, messageId, emoji, false);
    }

    private Mono<MessageData> change(CurrentUser caller, UUID messageId, String emoji, boolean add) {
        if (!MessageRules.isValidEmoji(emoji)) {
            return Mono.error(ApiException.validation("emoji", "Emoji must be one emoji"));
        }
        Mono<MessageData> body = messages.visible(caller, messageId).flatMap(v -> {
            Instant now = Times.now(clock);
            Mono<Boolean> changed = add ? reactions.add(messageId, caller.id(), emoji, now)
                    : reactions.remove(messageId, caller.id(), emoji);
            return changed.flatMap(did -> {
                if (!did && !add) {
                    return Mono.error(ApiException.notFound("You have not reacted with this emoji"));
                }
                Mono<Void> publish = !did ? Mono.empty() : reactions.count(messageId, emoji).flatMap(count ->
                        stream.append(add ? EventTypes.MESSAGE_REACTION_ADD : EventTypes.MESSAGE_REACTION_REMOVE,
                                caller.id(), v.message().roomId(), caller.id(),
                                new ReactionData(messageId, v.message().roomId(), emoji, add ? "add" : "remove",
                                        caller.id(), count, now), now).then());
                return publish.then(messages.withDetails(List.of(v.message()), caller.id()).map(l -> l.get(0)));
            });
        });
        return tx.transactional(body);
    }
}
