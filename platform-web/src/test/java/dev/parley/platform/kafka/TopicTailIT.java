package dev.parley.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.parley.testinfra.TestInfra;

/** A tail that loses its consumer goes on from what it handled last: nothing handled twice, nothing as live again. */
class TopicTailIT {

    record Seen(long offset, boolean live) {
    }

    @Test
    void afterAFailureTheTailContinuesFromItsLastOffsetsNotFromTheBeginning() throws Exception {
        String topic = "tail-test-" + UUID.randomUUID();
        String bootstrap = TestInfra.kafkaBootstrapServers();
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        List<Seen> seen = new CopyOnWriteArrayList<>();
        TopicTail tail = new TopicTail("test", Map.of("bootstrap.servers", bootstrap), List.of(topic),
                TopicTail.Start.BEGINNING, (r, live) -> seen.add(new Seen(r.offset(), live)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "before " + i)).get();
            }
            tail.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> tail.isCaughtUp() && seen.size() == 5);
            assertThat(seen).allMatch(s -> !s.live());

            tail.reconnect(); // what a broker outage or a consumer error does
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "after " + i)).get();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 8);
            assertThat(seen).extracting(Seen::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(seen.subList(5, 8)).allMatch(Seen::live);
        } finally {
            tail.stop();
        }
    }
}
