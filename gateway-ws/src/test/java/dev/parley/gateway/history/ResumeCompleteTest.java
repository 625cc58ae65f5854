package dev.parley.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.parley.events.ParleyJson;
import dev.parley.gateway.payload.EventPayloads;

/** {@code resume_complete} waits for room in a socket's full queue, as the replayed frames do; it is never dropped. */
class ResumeCompleteTest {

    @Test
    void resumeCompleteWaitsForRoomInAFullQueue() {
        List<String> queued = new ArrayList<>();
        AtomicInteger refusals = new AtomicInteger(3);
        ResumeTarget full = new ResumeTarget() {
            private final StreamCursor<byte[]> cursor = new StreamCursor<>(8);

            @Override
            public UUID userId() {
                return UUID.randomUUID();
            }

            @Override
            public String accessToken() {
                return "token";
            }

            @Override
            public StreamCursor<byte[]> cursor() {
                return cursor;
            }

            @Override
            public synchronized boolean offer(byte[] frame) {
                if (refusals.getAndDecrement() > 0) {
                    return false; // full for the first three tries
                }
                queued.add(new String(frame, StandardCharsets.UTF_8));
                return true;
            }
        };
        Resume resume = new Resume(new RecentFrames(16, 10, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), null,
                new EventPayloads(ParleyJson.mapper()), ParleyJson.mapper(), Clock.systemUTC(), 1000, 100);
        UUID room = UUID.randomUUID();

        resume.run(full, Map.of(room, 0L), r -> false).block(Duration.ofSeconds(5));

        assertThat(queued).hasSize(1);
        assertThat(queued.get(0)).contains("\"type\":\"resume_complete\"").contains(room.toString());
    }
}
