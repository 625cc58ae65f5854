package dev.parley.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.Topics;
import dev.parley.testinfra.TestInfra;

@SpringBootTest(classes = OutboxTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.flyway.locations=classpath:db/outbox",
        "parley.outbox.producer=outbox-test",
        "parley.outbox.poll-interval=5s"})
class OutboxRelayIT {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "outbox");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    DatabaseClient db;

    private KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(Topics.MESSAGE, Topics.USER));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        // position the consumer at the current end before the test writes anything
        consumer.assignment().forEach(tp -> consumer.position(tp));
    }

    @AfterEach
    void close() {
        consumer.close();
        if (!relay.isRunning()) {
            relay.start();
        }
    }

    private List<EventEnvelope> receivedFor(UUID roomId) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
            received.add(r);
        }
        List<EventEnvelope> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : received) {
            EventEnvelope e = ParleyJson.mapper().readValue(r.value(), EventEnvelope.class);
            if (roomId.equals(e.roomId())) {
                out.add(e);
            }
        }
        return out;
    }

    private Mono<EventEnvelope> send(UUID roomId, int n) {
        // a whole Message object (the event contract), its content the number n
        java.time.Instant at = dev.parley.events.Times.now();
        UUID author = UUID.randomUUID();
        return outbox.append(EventTypes.MESSAGE_SEND, author, roomId, author, new dev.parley.events.data.MessageData(
                UUID.randomUUID(), roomId, author, String.valueOf(n), "text", null, java.util.List.of(),
                java.util.List.of(), null, null, at, at, null));
    }

    @Test
    void anEventCommittedWithItsStateChangeIsPublishedWithContractHeadersAndTheRoomAsKey() {
        UUID room = UUID.randomUUID();
        EventEnvelope sent = tx.transactional(send(room, 1)).block();

        await().atMost(Duration.ofSeconds(20)).until(() -> !receivedFor(room).isEmpty());
        ConsumerRecord<String, String> record = received.stream()
                .filter(r -> r.value().contains(room.toString())).findFirst().orElseThrow();
        assertThat(record.topic()).isEqualTo(Topics.MESSAGE);
        assertThat(record.key()).isEqualTo(room.toString());
        assertThat(header(record, "event_type")).isEqualTo(EventTypes.MESSAGE_SEND);
        assertThat(header(record, "event_id")).isEqualTo(sent.eventId().toString());
        for (Header h : record.headers()) {
            assertThat(h.key()).doesNotStartWith("__");
            assertThat(new String(h.value(), StandardCharsets.UTF_8)).doesNotContain("dev.parley");
        }
        EventEnvelope envelope = receivedFor(room).get(0);
        assertThat(envelope.producer()).isEqualTo("outbox-test");
        assertThat(Integer.parseInt(envelope.data().get("content").asString())).isEqualTo(1);
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        UUID room = UUID.randomUUID();
        UUID control = UUID.randomUUID();
        Mono<Object> failing = send(room, 1).then(Mono.error(new IllegalStateException("state change failed")));
        try {
            tx.transactional(failing).block();
        } catch (IllegalStateException expected) {
            // the state change failed: the event must go with it
        }
        tx.transactional(send(control, 2)).block();

        await().atMost(Duration.ofSeconds(20)).until(() -> !receivedFor(control).isEmpty());
        assertThat(receivedFor(room)).isEmpty();
        Long rows = db.sql("SELECT count(*) AS c FROM outbox WHERE record_key = :k").bind("k", room.toString())
                .map(r -> r.get("c", Long.class)).one().block();
        assertThat(rows).isZero();
    }

    @Test
    void aRowThatCommitsAfterARowWithALargerIdIsStillPublished() {
        UUID slowRoom = UUID.randomUUID();
        UUID fastRoom = UUID.randomUUID();
        Sinks.One<Void> release = Sinks.one();

        // the slow transaction takes its id first and commits last
        var slow = tx.transactional(send(slowRoom, 1).flatMap(e -> release.asMono().thenReturn(e)))
                .subscribeOn(Schedulers.boundedElastic()).toFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.sql(
                        "SELECT count(*) AS c FROM pg_stat_activity WHERE state = 'idle in transaction'")
                .map(r -> r.get("c", Long.class)).one().block() > 0);
        tx.transactional(send(fastRoom, 2)).block();
        await().atMost(Duration.ofSeconds(20)).until(() -> !receivedFor(fastRoom).isEmpty());
        assertThat(receivedFor(slowRoom)).isEmpty();

        release.tryEmitEmpty();
        EventEnvelope slowEvent = slow.join();
        relay.wakeUp();

        await().atMost(Duration.ofSeconds(20)).until(() -> !receivedFor(slowRoom).isEmpty());
        assertThat(receivedFor(slowRoom)).extracting(EventEnvelope::eventId).containsExactly(slowEvent.eventId());
    }

    @Test
    void eventsWrittenWhileTheRelayIsDownArePublishedInOrderAfterItRestarts() {
        UUID room = UUID.randomUUID();
        tx.transactional(send(room, 0)).block();
        await().atMost(Duration.ofSeconds(20)).until(() -> receivedFor(room).size() == 1);

        relay.stop();
        for (int i = 1; i <= 30; i++) {
            tx.transactional(send(room, i)).block();
        }
        assertThat(receivedFor(room)).hasSize(1);

        relay.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedFor(room).size() >= 31);
        assertThat(receivedFor(room)).extracting(e -> Integer.parseInt(e.data().get("content").asString()))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, 30).boxed().toList());
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
