package dev.parley.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.parley.events.EventCatalog;
import dev.parley.events.EventEnvelope;
import dev.parley.events.EventHeaders;
import dev.parley.events.ParleyJson;
import dev.parley.events.Topics;

/**
 * Reads every record on Parley's topics of a broker the tests use and checks it against the event contract: the
 * envelope's schema, the JSON Schema of its type's {@code data} (and that it decodes into the type's record), and the
 * CloudEvents headers. Started with the test broker (and each system test's local stack); every test class ends by
 * asserting that nothing any service or test produced broke the contract ({@link ContractTapExtension}).
 *
 * <p>A test that sends a deliberately broken record (a poison record for a dead-letter test) marks it with the
 * header {@link #DELIBERATE_FAULT}.
 */
public final class ContractTap implements AutoCloseable {

    /** Header of a record a test breaks on purpose: not checked. */
    public static final String DELIBERATE_FAULT = "parley-test-fault";
    private static final String ENVELOPE_SCHEMA = "dev/parley/events/schema/envelope.schema.json";
    private static final Pattern TOPICS = Pattern.compile(Topics.ALL.stream().map(Pattern::quote)
            .collect(Collectors.joining("|", "^(", ")$")));
    private static final Pattern TRACEPARENT = Pattern.compile("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final Map<String, ContractTap> TAPS = new ConcurrentHashMap<>();

    private final String bootstrap;
    private final Thread thread;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicLong> checked = new ConcurrentSkipListMap<>();
    private volatile boolean running = true;

    private ContractTap(String bootstrap) {
        this.bootstrap = bootstrap;
        this.thread = new Thread(this::run, "contract-tap");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Starts checking the records of a broker (once per broker). */
    public static ContractTap start(String bootstrap) {
        return TAPS.computeIfAbsent(bootstrap, ContractTap::new);
    }

    /** Stops checking a broker that is going away (its records were checked by {@link #assertAllValid}). */
    public static void stop(String bootstrap) {
        ContractTap tap = TAPS.remove(bootstrap);
        if (tap != null) {
            tap.close();
        }
    }

    /**
     * Waits until every tap has read its broker's topics to their current end, then fails naming every record that
     * broke the contract. Prints how many records of each type were checked.
     */
    public static void assertAllValid() {
        for (ContractTap tap : List.copyOf(TAPS.values())) {
            tap.awaitCaughtUp();
            List<String> found;
            synchronized (tap.violations) {
                found = List.copyOf(tap.violations);
                tap.violations.clear();
            }
            long total = tap.checked.values().stream().mapToLong(AtomicLong::get).sum();
            System.out.printf("event contract: %d records checked on %s (%d types), %d violations%n", total,
                    tap.bootstrap, tap.checked.size(), found.size());
            assertThat(found).as("records that break the event contract (shared-events)").isEmpty();
        }
    }

    /** How many records of each type were checked so far. */
    public static Map<String, Long> checkedTypes() {
        Map<String, Long> out = new TreeMap<>();
        TAPS.values().forEach(t -> t.checked.forEach((k, v) -> out.merge(k, v.get(), Long::sum)));
        return out;
    }

    private void awaitCaughtUp() {
        try (KafkaConsumer<String, String> probe = consumer("contract-tap-probe-" + UUID.randomUUID())) {
            List<TopicPartition> partitions = probe.listTopics(Duration.ofSeconds(10)).entrySet().stream()
                    .filter(e -> TOPICS.matcher(e.getKey()).matches())
                    .flatMap(e -> e.getValue().stream().map(p -> new TopicPartition(p.topic(), p.partition())))
                    .toList();
            Map<TopicPartition, Long> ends = probe.endOffsets(partitions, Duration.ofSeconds(10));
            await("the contract tap reads " + bootstrap + " to its end").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> ends.entrySet().stream()
                            .allMatch(e -> e.getValue() == 0 || positions.getOrDefault(e.getKey(), 0L) >= e.getValue()));
        }
    }

    private KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
    }

    private void run() {
        try (KafkaConsumer<String, String> consumer = consumer("contract-tap-" + UUID.randomUUID())) {
            consumer.subscribe(TOPICS);
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    check(r);
                }
                for (TopicPartition tp : consumer.assignment()) {
                    positions.put(tp, consumer.position(tp));
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                violations.add("the contract tap stopped: " + e);
            }
        }
    }

    private void check(ConsumerRecord<String, String> r) {
        if (r.headers().lastHeader(DELIBERATE_FAULT) != null) {
            return;
        }
        String where = r.topic() + "-" + r.partition() + "@" + r.offset();
        List<String> problems = new ArrayList<>();
        JsonSchemas.validate(ENVELOPE_SCHEMA, r.value()).forEach(e -> problems.add("envelope: " + e.getMessage()));
        EventEnvelope e = null;
        if (problems.isEmpty()) {
            try {
                e = ParleyJson.mapper().readValue(r.value(), EventEnvelope.class);
            } catch (RuntimeException ex) {
                problems.add("not an envelope: " + ex.getMessage());
            }
        }
        if (e != null) {
            checked.computeIfAbsent(e.type(), t -> new AtomicLong()).incrementAndGet();
            where = e.type() + " " + e.eventId() + " (" + where + ")";
            if (!Topics.forType(e.type()).equals(r.topic())) {
                problems.add("published on " + r.topic() + ", belongs on " + Topics.forType(e.type()));
            }
            if (!Objects.equals(e.key(), r.key())) {
                problems.add("key " + r.key() + ", should be " + e.key());
            }
            Class<? extends Record> dataType = EventCatalog.dataType(e.type());
            String data = e.data().toString();
            JsonSchemas.validate(EventCatalog.schemaResource(dataType), data)
                    .forEach(err -> problems.add("data: " + err.getMessage()));
            try {
                ParleyJson.mapper().treeToValue(e.data(), dataType);
            } catch (RuntimeException ex) {
                problems.add("data does not decode into " + dataType.getSimpleName() + ": " + ex.getMessage());
            }
            checkHeaders(r, e, problems);
        }
        if (!problems.isEmpty()) {
            violations.add(where + ": " + String.join("; ", problems) + "\n    " + abbreviate(r.value()));
        }
    }

    private static void checkHeaders(ConsumerRecord<String, String> r, EventEnvelope e, List<String> problems) {
        Map<String, String> expected = new LinkedHashMap<>();
        EventHeaders.write(e, null, expected::put);
        expected.forEach((name, value) -> {
            String actual = header(r, name);
            if (EventHeaders.CE_TIME.equals(name) && actual != null) {
                try {
                    if (!Instant.parse(actual).equals(e.occurredAt())) {
                        problems.add("header ce_time " + actual + " is not occurred_at " + e.occurredAt());
                    }
                } catch (RuntimeException ex) {
                    problems.add("header ce_time is not ISO-8601: " + actual);
                }
            } else if (!value.equals(actual)) {
                problems.add("header " + name + " is " + actual + ", should be " + value);
            }
        });
        String traceparent = header(r, EventHeaders.TRACEPARENT);
        if (traceparent != null && !TRACEPARENT.matcher(traceparent).matches()) {
            problems.add("header traceparent is not W3C Trace Context: " + traceparent);
        }
        Set<String> names = new HashSet<>();
        for (Header h : r.headers()) {
            if (!names.add(h.key())) {
                problems.add("header " + h.key() + " twice");
            }
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 600 ? String.valueOf(value) : value.substring(0, 600) + "…";
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
