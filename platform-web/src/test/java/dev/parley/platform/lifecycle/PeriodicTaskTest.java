package dev.parley.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class PeriodicTaskTest {

    @Test
    void aRoundSlowerThanManyIntervalsDoesNotEndTheTask() {
        AtomicInteger rounds = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("slow", Duration.ZERO, Duration.ofMillis(1)) {
            @Override
            protected Mono<?> runOnce() {
                // the first round outlasts a hundred ticks; without dropping them the interval overflows
                int n = rounds.incrementAndGet();
                return n == 1 ? Mono.delay(Duration.ofMillis(300)) : Mono.empty();
            }
        };
        task.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 5);
            assertThat(task.isRunning()).isTrue();
        } finally {
            task.stop();
        }
    }
}
