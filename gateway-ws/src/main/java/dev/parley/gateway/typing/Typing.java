package dev.parley.gateway.typing;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.TypingData;
import dev.parley.events.data.UserSummary;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.publish.GatewayEvents;

/**
 * Typing indicators, whichever way they come (a socket's frames, the REST endpoints): the one owner of typing
 * (ADR 0018). A start is published on {@code event.typing} with {@code expires_at} and stops by itself after
 * {@code typing-timeout} unless a renewal or a stop comes first; one timer per user and room on this instance.
 */
@Component
public class Typing {

    private record Key(UUID room, UUID user) {
    }

    private final GatewayEvents events;
    private final GatewayProperties props;
    private final Clock clock;
    private final Map<Key, Disposable> expiries = new ConcurrentHashMap<>();

    Typing(GatewayEvents events, GatewayProperties props, Clock clock) {
        this.events = events;
        this.props = props;
        this.clock = clock;
    }

    /** Publishes a start or a stop of {@code user} in a room; completes once the broker has it. */
    public Mono<TypingData> change(UserSummary user, UUID roomId, boolean start) {
        Key key = new Key(roomId, user.id());
        Disposable previous = expiries.remove(key);
        if (previous != null) {
            previous.dispose();
        }
        if (start) {
            expiries.put(key, Mono.delay(props.typingTimeout())
                    .flatMap(t -> {
                        expiries.remove(key);
                        return publish(user, roomId, false);
                    })
                    .subscribe(x -> { }, e -> { }));
        }
        return publish(user, roomId, start);
    }

    /** Stops what the user is typing in a room if a start of theirs still holds (their socket closed). */
    public void stopIfTyping(UserSummary user, UUID roomId) {
        Disposable timer = expiries.remove(new Key(roomId, user.id()));
        if (timer != null) {
            timer.dispose();
            publish(user, roomId, false).subscribe(x -> { }, e -> { });
        }
    }

    private Mono<TypingData> publish(UserSummary user, UUID roomId, boolean start) {
        TypingData data = new TypingData(roomId, user, start ? Times.now(clock).plus(props.typingTimeout()) : null);
        return events.publish(start ? EventTypes.USER_TYPING_START : EventTypes.USER_TYPING_STOP, user.id(), roomId,
                user.id(), data).thenReturn(data);
    }
}
