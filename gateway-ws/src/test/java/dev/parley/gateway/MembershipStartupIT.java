package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.ParleyJson;
import dev.parley.events.data.RoomMembershipSnapshot;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.testinfra.EventPublisher;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.TestInfra;
import dev.parley.testinfra.TestTokens;

/**
 * A gateway starts from the compacted membership snapshots and a short look-back of {@code event.room}, not from
 * the room log's beginning (ADR 0010): what it reads at start does not grow with the rooms' history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.gateway.membership-look-back=3s")
class MembershipStartupIT {

    static final TestTokens tokens = TestTokens.start();
    static final UUID snapshotted = UUID.randomUUID();
    static final UUID onlyInOldHistory = UUID.randomUUID();
    static final UUID recent = UUID.randomUUID();
    static final UUID ann = UUID.randomUUID();
    static final UUID bob = UUID.randomUUID();
    static final UUID cat = UUID.randomUUID();

    /** Written before this gateway starts: an old history (two hours ago, older than the look-back) and a snapshot. */
    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) throws Exception {
        TestInfra.registerKafka(registry);
        registry.add("parley.security.jwk-set-uri", tokens::jwkSetUri);
        GatewayIntegrationTest.createTopics();
        long twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfra.kafkaBootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            send(producer, Events.membership(EventTypes.ROOM_CREATE, snapshotted, new Events.Who(ann, "ann"), "owner",
                    false), twoHoursAgo);
            send(producer, Events.membership(EventTypes.ROOM_CREATE, onlyInOldHistory, new Events.Who(cat, "cat"),
                    "owner", false), twoHoursAgo);
            send(producer, EventEnvelope.create(EventTypes.ROOM_MEMBERSHIP_SNAPSHOT, "room-service", bob, snapshotted,
                    null, ParleyJson.mapper().valueToTree(new RoomMembershipSnapshot(snapshotted, true, false,
                            List.of(ann, bob))), Instant.ofEpochMilli(twoHoursAgo)), twoHoursAgo);
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, String> producer, EventEnvelope e, long timestamp) {
        ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), null, timestamp, e.key(),
                ParleyJson.mapper().writeValueAsString(e));
        dev.parley.events.EventHeaders.write(e, null,
                (name, value) -> record.headers().add(name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        producer.send(record);
    }

    @Autowired
    MembershipView view;

    @Test
    void theViewComesFromTheSnapshotsAndTheLookBackNotFromTheWholeHistory() {
        await().atMost(Duration.ofSeconds(30)).until(() -> view.isMember(snapshotted, bob));
        // a change after the start arrives live
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish(Events.membership(EventTypes.ROOM_CREATE, recent, new Events.Who(cat, "cat"), "owner",
                    false));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> view.isMember(recent, cat));
        assertThat(view.isMember(snapshotted, ann)).isTrue();
        assertThat(view.isMember(snapshotted, bob)).isTrue();
        assertThat(view.isPublic(snapshotted)).isTrue();
        // a room known only from a record older than the look-back, with no snapshot: never read
        assertThat(view.exists(onlyInOldHistory)).isFalse();
    }
}
