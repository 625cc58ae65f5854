package dev.parley.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of some topics, without a consumer group, on a thread of its own.
 *
 * <p>Each gateway instance must see every event (it fans out to its own sockets), and every service every
 * session revocation, so group management, rebalances and committed offsets only get in the way: a tail assigns all partitions itself and starts
 * from the beginning (to rebuild a view) or from the end (to push live events). It reports when it has
 * caught up with the end offsets it found at start, which gates the gateway's readiness.
 * See docs/adr/0003-gateway-tails-topics-without-a-consumer-group.md.
 */
public class TopicTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);

    /** Where a tail first starts: the beginning, the end, or the records of the last {@code lookBack}. */
    public enum Start { BEGINNING, END, LOOK_BACK }

    private final String name;
    private final Map<String, Object> kafkaConfig;
    private final List<String> topics;
    private final Start start;
    private final Handler handler;

    /** Handles one record; {@code live} is false while the tail replays what was there when it started. */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecord<String, String> record, boolean live);
    }

    private final Duration lookBack;
    private final BooleanSupplier startWhen;
    private volatile boolean running;
    private volatile long lag;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, String> consumer;
    /** The next offset to handle per partition, kept across consumers (only the tail's thread touches it). */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    /** The end offsets found at the first start: caught up once they are reached. */
    private Map<TopicPartition, Long> ends;
    private Thread thread;
    private Consumer<Runnable> aroundPoll = Runnable::run;

    public TopicTail(String name, Map<String, Object> kafkaConfig, List<String> topics, Start start,
            Handler handler) {
        this(name, kafkaConfig, topics, start, Duration.ZERO, () -> true, handler);
    }

    /**
     * A tail that first starts {@code lookBack} ago ({@link Start#LOOK_BACK}) and only once {@code startWhen} holds
     * (e.g. another tail has caught up).
     */
    public TopicTail(String name, Map<String, Object> kafkaConfig, List<String> topics, Start start,
            Duration lookBack, BooleanSupplier startWhen, Handler handler) {
        this.lookBack = lookBack;
        this.startWhen = startWhen;
        this.name = name;
        this.kafkaConfig = kafkaConfig;
        this.topics = topics;
        this.start = start;
        this.handler = handler;
    }

    /** Handles each poll's records inside {@code around} (e.g. a batch of socket writes); returns this tail. */
    public TopicTail aroundEachPoll(Consumer<Runnable> around) {
        this.aroundPoll = around;
        return this;
    }

    /** Records between this tail's position and the end of its topics, as of its last check. */
    public long lag() {
        return lag;
    }

    /** Whether everything that was in the topics when the tail started has been handled. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "tail-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Drops the consumer and goes on with a new one, as after any failure: from the records handled last, never
     * from the beginning or the end again.
     */
    void reconnect() {
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running && !startWhen.getAsBoolean()) {
            sleepQuietly(100);
        }
        while (running) {
            Map<String, Object> config = new HashMap<>(kafkaConfig);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "parley-tail-" + name + "-" + System.identityHashCode(this));
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config)) {
                consumer = c;
                List<TopicPartition> partitions = partitions(c);
                c.assign(partitions);
                // only the first start seeks to the beginning or the end; after a failure (a broker outage, a
                // timeout) the tail goes on from the records it handled last: nothing replayed as live, nothing
                // skipped
                List<TopicPartition> fresh = partitions.stream().filter(p -> !next.containsKey(p)).toList();
                if (start == Start.BEGINNING) {
                    c.seekToBeginning(fresh);
                } else if (start == Start.END) {
                    c.seekToEnd(fresh);
                } else {
                    seekToLookBack(c, fresh);
                }
                partitions.stream().filter(next::containsKey).forEach(p -> c.seek(p, next.get(p)));
                // the first start's positions, resolved now (a seek to the end is lazy): a partition that gets no
                // record before a failure is then continued from here too, not from a later end
                fresh.forEach(p -> next.put(p, c.position(p)));
                if (ends == null) {
                    ends = c.endOffsets(partitions);
                }
                long lastLagCheck = 0;
                while (running) {
                    if (System.nanoTime() - lastLagCheck > 5_000_000_000L) {
                        lastLagCheck = System.nanoTime();
                        Map<TopicPartition, Long> now = c.endOffsets(partitions, Duration.ofSeconds(2));
                        lag = now.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - c.position(e.getKey())))
                                .sum();
                    }
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        aroundPoll.accept(() -> handleAll(records));
                    }
                    Map<TopicPartition, Long> startEnds = ends;
                    if (!caughtUp && startEnds.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp = true;
                        log.info("tail {} caught up on {}", name, topics);
                    }
                }
            } catch (WakeupException e) {
                // stopping, or reconnect(): the loop goes on with a new consumer while running
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("tail {} failed, restarting: {}", name, e.toString());
                    sleepQuietly(1000);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void handleAll(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> r : records) {
            try {
                handler.handle(r, caughtUp);
            } catch (RuntimeException e) {
                log.warn("tail {} skipped a record it could not handle at {}-{}@{}: {}", name,
                        r.topic(), r.partition(), r.offset(), e.toString());
            }
            next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
        }
    }

    /**
     * Seeks each partition to its first record of the last {@code lookBack}, or, without one, to the end as it was
     * before the look-up (an explicit offset, not the consumer's lazy end: a record written meanwhile is read).
     */
    private void seekToLookBack(KafkaConsumer<String, String> c, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> endsBefore = c.endOffsets(partitions);
        long since = System.currentTimeMillis() - lookBack.toMillis();
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(at);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = found.get(p);
            c.seek(p, o == null ? endsBefore.get(p) : Math.min(o.offset(), endsBefore.get(p)));
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        while (running) {
            List<TopicPartition> all = new ArrayList<>();
            boolean missing = false;
            for (String topic : topics) {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    missing = true;
                    break;
                }
                infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
            }
            if (!missing) {
                return all;
            }
            log.info("tail {} waiting for topics {}", name, topics);
            sleepQuietly(1000);
        }
        throw new WakeupException();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
