package dev.parley.message.stream;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.events.Times;
import dev.parley.platform.lifecycle.PeriodicTask;

/** Keeps {@code room_stream} to the recovery window ({@code parley.messages.stream-retention}, 7 days). */
@Component
class StreamRetention extends PeriodicTask {

    private final RoomStream stream;
    private final Duration retention;
    private final Clock clock;

    StreamRetention(RoomStream stream, @Value("${parley.messages.stream-retention:7d}") Duration retention,
            Clock clock) {
        super("room stream retention", Duration.ofMinutes(1), Duration.ofMinutes(10));
        this.stream = stream;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    protected Mono<?> runOnce() {
        return stream.forgetBefore(Times.now(clock).minus(retention));
    }
}
