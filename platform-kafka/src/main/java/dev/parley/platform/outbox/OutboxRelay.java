package dev.parley.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.observability.RecordTracing;

/**
 * Publishes outbox rows to Kafka, in id order, and marks them published.
 *
 * <ul>
 *   <li>One relay works at a time per database: it holds a session advisory lock on its own connection,
 *       so other replicas stand by and take over when that connection goes away.</li>
 *   <li>Each round reads the oldest unpublished rows ({@code published_at IS NULL ORDER BY id}) with no
 *       high-water mark, so a row that commits after a row with a larger id is still published next round:
 *       the BIGSERIAL gap cannot make it skip a row.</li>
 *   <li>The producer is idempotent with {@code acks=all}; rows are marked published only after the broker
 *       acknowledged them, and only up to the first failure, so a crash or error means a re-send (consumers
 *       de-duplicate on {@code event_id}), never a loss or a reordering.</li>
 *   <li>{@code LISTEN parley_outbox} wakes the relay as soon as a row commits; the poll is the fallback.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** "parley-outbox-relay", as a lock id shared by every replica of a service (each has its own database). */
    static final long RELAY_LOCK_ID = 0x706172_6c6579L;
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(5);

    private final ConnectionFactory connectionFactory;
    private final Producer<String, String> producer;
    private final OutboxProperties props;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();

    private volatile boolean running;
    private volatile Thread thread;
    private PostgresqlConnection connection;
    private Disposable notifications;
    private boolean leader;
    private Instant lastCleanup = Instant.EPOCH;

    private final RecordTracing tracing;
    private final Timer latency;

    public OutboxRelay(ConnectionFactory connectionFactory, Producer<String, String> producer, OutboxProperties props) {
        this(connectionFactory, producer, props, RecordTracing.off(), new SimpleMeterRegistry());
    }

    /**
     * @param tracing a publish span per row, child of the span that wrote it (the row's traceparent), whose context
     *                the record carries on
     * @param meters  {@code parley.outbox.publish.latency}: from the event's commit (its occurred_at) to the broker's
     *                acknowledgement
     */
    public OutboxRelay(ConnectionFactory connectionFactory, Producer<String, String> producer, OutboxProperties props,
            RecordTracing tracing, MeterRegistry meters) {
        this.connectionFactory = connectionFactory;
        this.producer = producer;
        this.props = props;
        this.tracing = tracing;
        this.latency = Timer.builder("parley.outbox.publish.latency")
                .description("from an event's commit to the broker's acknowledgement of its record")
                .publishPercentileHistogram().serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(250),
                        Duration.ofSeconds(1), Duration.ofSeconds(5))
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
    }

    /** Events published by this relay since it started. */
    public long publishedCount() {
        return published.get();
    }

    /** Whether this instance currently holds the relay lock. */
    public boolean isLeader() {
        return leader;
    }

    /** Asks the relay to look now (tests and callers that know a row just committed). */
    public void wakeUp() {
        wake.release();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        wake.release();
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the Kafka producer and the database pool close. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                ensureConnected();
                if (!leader) {
                    leader = tryLock();
                    if (leader) {
                        log.info("outbox relay is active for producer {}", props.producer());
                    }
                }
                if (leader) {
                    int n = relayOnce();
                    cleanupIfDue();
                    if (n >= props.batchSize()) {
                        continue;
                    }
                }
                backoff = Duration.ofMillis(200);
                wake.tryAcquire(props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("outbox relay round failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
                }
                disconnect();
                try {
                    wake.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
        disconnect();
    }

    /** One round: publish the oldest unpublished rows. Returns how many were published. */
    int relayOnce() {
        List<Row> rows = Flux.from(connection.createStatement("""
                        SELECT id, event_id, topic, record_key, event_type, payload, traceparent, created_at
                        FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1""")
                        .bind("$1", props.batchSize()).execute())
                .flatMap(result -> result.map((r, m) -> new Row(r.get("id", Long.class),
                        r.get("event_id", UUID.class), r.get("topic", String.class),
                        r.get("record_key", String.class), r.get("event_type", String.class),
                        r.get("payload", String.class), r.get("traceparent", String.class),
                        r.get("created_at", OffsetDateTime.class).toInstant())))
                .collectList().block(QUERY_TIMEOUT);
        if (rows == null || rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            RecordTracing.Scope span = tracing.start("outbox publish " + row.topic(),
                    Span.Kind.PRODUCER, row.traceparent(), row.type());
            sends.add(producer.send(row.toRecord(props.producer(), span.traceparent()), (meta, e) -> {
                if (e != null) {
                    span.error(e);
                } else {
                    latency.record(Duration.between(row.occurredAt(), Instant.now()));
                }
                span.close();
            }));
        }
        List<Long> done = new ArrayList<>(rows.size());
        RuntimeException failure = null;
        for (int i = 0; i < rows.size(); i++) {
            try {
                sends.get(i).get();
                if (failure == null) {
                    done.add(rows.get(i).id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while publishing", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = new IllegalStateException("publishing outbox row " + rows.get(i).id() + " failed",
                            e.getCause());
                }
            }
        }
        if (!done.isEmpty()) {
            Mono.from(connection.createStatement("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                    .bind("$1", done.toArray(Long[]::new)).execute())
                    .flatMap(r -> Mono.from(r.getRowsUpdated())).block(QUERY_TIMEOUT);
            published.addAndGet(done.size());
        }
        if (failure != null) {
            throw failure;
        }
        return done.size();
    }

    private void cleanupIfDue() {
        Instant now = Instant.now();
        if (now.isBefore(lastCleanup.plus(CLEANUP_EVERY))) {
            return;
        }
        lastCleanup = now;
        Mono.from(connection.createStatement(
                        "DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < now() - $1::interval")
                .bind("$1", props.retention().toSeconds() + " seconds").execute())
                .flatMap(r -> Mono.from(r.getRowsUpdated())).block(QUERY_TIMEOUT);
    }

    private boolean tryLock() {
        Boolean locked = Mono.from(connection.createStatement("SELECT pg_try_advisory_lock($1) AS locked")
                        .bind("$1", RELAY_LOCK_ID).execute())
                .flatMap(r -> Mono.from(r.map((row, m) -> row.get("locked", Boolean.class))))
                .block(QUERY_TIMEOUT);
        return Boolean.TRUE.equals(locked);
    }

    private void ensureConnected() {
        if (connection != null) {
            return;
        }
        Connection c = Mono.from(connectionFactory.create()).block(QUERY_TIMEOUT);
        if (!(c instanceof PostgresqlConnection pg)) {
            throw new IllegalStateException("the outbox relay needs a PostgreSQL R2DBC connection, got " + c);
        }
        connection = pg;
        leader = false;
        if (props.listen()) {
            Flux.from(pg.createStatement("LISTEN parley_outbox").execute()).flatMap(r -> r.getRowsUpdated())
                    .blockLast(QUERY_TIMEOUT);
            notifications = pg.getNotifications().subscribe(n -> wake.release(), e -> wake.release());
        }
    }

    private void disconnect() {
        leader = false;
        if (notifications != null) {
            notifications.dispose();
            notifications = null;
        }
        if (connection != null) {
            try {
                Mono.from(connection.close()).block(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("closing the relay connection failed", e);
            }
            connection = null;
        }
    }

    record Row(long id, UUID eventId, String topic, String key, String type, String payload,
            String traceparent, Instant occurredAt) {

        /** @param publishTraceparent the publish span's context, carried on instead of the row's when traced */
        ProducerRecord<String, String> toRecord(String producer, String publishTraceparent) {
            return EventRecords.of(topic, key, payload, eventId, type, producer, occurredAt,
                    publishTraceparent != null ? publishTraceparent : traceparent);
        }
    }
}
