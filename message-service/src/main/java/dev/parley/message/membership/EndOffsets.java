package dev.parley.message.membership;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The end offsets of a topic's partitions, asked of the broker for many callers at once: a caller gets the answer
 * of a request sent after it asked (so the offsets are at least as new as its call), but while one request is on
 * its way, everyone who asks meanwhile shares the next one. Under load that is one broker round trip per round
 * trip time, not one per HTTP request (the read-your-writes barrier asked once per send).
 */
final class EndOffsets {

    private final Admin admin;
    private final String topic;
    private final IntSupplier partitions;
    private final Object lock = new Object();
    private boolean inFlight;
    private List<Sinks.One<Map<Integer, Long>>> waiting = new ArrayList<>();

    EndOffsets(Admin admin, String topic, IntSupplier partitions) {
        this.admin = admin;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** The end offset of every partition, by partition, as of a moment after this call. */
    Mono<Map<Integer, Long>> next() {
        Sinks.One<Map<Integer, Long>> answer = Sinks.one();
        boolean send;
        synchronized (lock) {
            waiting.add(answer);
            send = !inFlight;
            inFlight = true;
        }
        if (send) {
            send();
        }
        return answer.asMono();
    }

    private void send() {
        List<Sinks.One<Map<Integer, Long>>> batch;
        synchronized (lock) {
            batch = waiting;
            waiting = new ArrayList<>();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions.getAsInt(); p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        admin.listOffsets(request).all().whenComplete((offsets, error) -> {
            Map<Integer, Long> byPartition = new HashMap<>();
            if (offsets != null) {
                offsets.forEach((tp, info) -> byPartition.put(tp.partition(), info.offset()));
            }
            for (Sinks.One<Map<Integer, Long>> s : batch) {
                if (error != null) {
                    s.tryEmitError(error);
                } else {
                    s.tryEmitValue(byPartition);
                }
            }
            boolean again;
            synchronized (lock) {
                again = !waiting.isEmpty();
                inFlight = again;
            }
            if (again) {
                send();
            }
        });
    }
}
