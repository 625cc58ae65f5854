package dev.parley.platform.lifecycle;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work that runs every {@code interval} while the application runs (heartbeats, sweeps). A failed round is logged
 * and the next one runs as planned; rounds never overlap.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration initialDelay;
    private final Duration interval;
    private volatile Disposable task;

    protected PeriodicTask(String name, Duration initialDelay, Duration interval) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.interval = interval;
    }

    /** One round. */
    protected abstract Mono<?> runOnce();

    @Override
    public void start() {
        // a tick that comes while a round still runs is dropped: without that, a slow database would fill concatMap's
        // queue and the interval would end the task with an overflow error
        task = Flux.interval(initialDelay, interval).onBackpressureDrop()
                .concatMap(t -> runOnce().onErrorResume(e -> {
                    log.warn("{} failed: {}", name, e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable t = task;
        if (t != null) {
            t.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable t = task;
        return t != null && !t.isDisposed();
    }
}
