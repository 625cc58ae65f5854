package dev.parley.message.typing;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.TypingData;
import dev.parley.message.MessageProperties;
import dev.parley.message.membership.RoomAccess;
import dev.parley.message.user.AuthorDirectory;
import dev.parley.platform.kafka.EventSender;
import dev.parley.platform.observability.RecordTracing;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;

/**
 * Typing indicators. They change no state, so they skip the outbox and go straight to the ephemeral
 * {@code event.typing} topic (no dual write: there is nothing to write beside them). A start expires by itself:
 * it carries {@code expires_at}, and this instance publishes the stop if no renewal or stop comes in time.
 */
@Service
class TypingService {

    private static final Logger log = LoggerFactory.getLogger(TypingService.class);

    private final RoomAccess access;
    private final AuthorDirectory authors;
    private final EventSender events;
    private final JsonMapper mapper;
    private final MessageProperties props;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, Disposable> expiries = new ConcurrentHashMap<>();

    public TypingService(RoomAccess access, AuthorDirectory authors, Producer<String, String> outboxProducer,
            JsonMapper mapper, RecordTracing tracing, MessageProperties props, Outbox outbox, Clock clock) {
        this.access = access;
        this.authors = authors;
        this.events = new EventSender(outboxProducer, mapper, tracing);
        this.mapper = mapper;
        this.props = props;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Mono<TypingData> start(CurrentUser caller, UUID roomId) {
        return typing(caller, roomId, true);
    }

    public Mono<TypingData> stop(CurrentUser caller, UUID roomId) {
        return typing(caller, roomId, false);
    }

    private Mono<TypingData> typing(CurrentUser caller, UUID roomId, boolean start) {
        return access.role(roomId, caller.id())
                .switchIfEmpty(Mono.error(ApiException.forbidden("You are not a member of this room")))
                .then(authors.describe(caller))
                .flatMap(user -> {
                    Instant now = Times.now(clock);
                    TypingData data = new TypingData(roomId, user, start ? now.plus(props.typingTimeout()) : null);
                    String key = roomId + ":" + caller.id();
                    Disposable previous = expiries.remove(key);
                    if (previous != null) {
                        previous.dispose();
                    }
                    if (start) {
                        expiries.put(key, Mono.delay(props.typingTimeout())
                                .doOnNext(t -> {
                                    expiries.remove(key);
                                    publish(EventTypes.USER_TYPING_STOP, caller.id(), new TypingData(roomId, user, null));
                                })
                                .subscribe());
                    }
                    return Mono.fromRunnable(() -> publish(start ? EventTypes.USER_TYPING_START
                                    : EventTypes.USER_TYPING_STOP, caller.id(), data))
                            .subscribeOn(Schedulers.boundedElastic())
                            .thenReturn(data);
                });
    }

    private void publish(String type, UUID userId, TypingData data) {
        EventEnvelope e = EventEnvelope.create(type, outbox.producer(), userId, data.roomId(), userId,
                mapper.valueToTree(data), Times.now(clock));
        events.send(e).subscribe(sent -> { },
                ex -> log.debug("typing event lost (ephemeral by design): {}", ex.toString()));
    }
}
