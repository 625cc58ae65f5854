package dev.parley.message.membership;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.events.Topics;
import dev.parley.platform.web.ApiException;

/**
 * Read-your-writes for membership (ADR 0008): before a room's membership is checked, wait until this service's
 * projection of {@code event.room} has applied everything the room's partition holds now. room-service answers a
 * write only once its events are published, so whatever its caller learnt from that answer (a room created, a
 * member joined, added or removed) is then in the projection too.
 */
@Component
class RoomStreamBarrier implements DisposableBean {

    private static final Duration POLL = Duration.ofMillis(3);

    private final Admin admin;
    private final DatabaseClient db;
    private final Duration max;
    private final Map<String, Integer> partitionCount = new ConcurrentHashMap<>();
    private final EndOffsets endOffsets;

    RoomStreamBarrier(KafkaProperties kafka, DatabaseClient db,
            @Value("${parley.messages.membership-wait:5s}") Duration max) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        this.admin = Admin.create(config);
        this.db = db;
        this.max = max;
        this.endOffsets = new EndOffsets(admin, Topics.ROOM, () -> partitionCount.getOrDefault(Topics.ROOM, 0));
    }

    /** Completes once the projection is current for this room; a 503 with Retry-After past the bound. */
    Mono<Void> awaitCurrent(UUID roomId) {
        return partitionOf(roomId)
                .flatMap(p -> endOffsets.next().map(offsets -> offsets.getOrDefault(p, 0L))
                        .flatMap(end -> end == 0 ? Mono.<Void>empty() : Flux.interval(Duration.ZERO, POLL).onBackpressureDrop()
                                .concatMap(tick -> applied(p))
                                .filter(next -> next >= end)
                                .next()
                                .then()))
                .timeout(max)
                .onErrorMap(e -> !(e instanceof ApiException),
                        e -> ApiException.unavailable("Room membership is not available right now", 1));
    }

    /** Where the projection must be for a room to be current: its partition of {@code event.room} and that end. */
    record Target(int partition, long end) {
    }

    /** The room's {@link Target} as of now (one coalesced {@code ListOffsets}); a 503 past the bound. */
    Mono<Target> target(UUID roomId) {
        return partitionOf(roomId)
                .flatMap(p -> endOffsets.next().map(offsets -> new Target(p, offsets.getOrDefault(p, 0L))))
                .timeout(max)
                .onErrorMap(e -> !(e instanceof ApiException),
                        e -> ApiException.unavailable("Room membership is not available right now", 1));
    }

    /** Records that the projection applied a record of {@code event.room}. */
    Mono<Void> advance(int partition, long offset) {
        return db.sql("""
                INSERT INTO room_stream_position (kafka_partition, next_offset) VALUES (:p, :next)
                ON CONFLICT (kafka_partition) DO UPDATE
                    SET next_offset = greatest(room_stream_position.next_offset, excluded.next_offset)""")
                .bind("p", partition).bind("next", offset + 1).fetch().rowsUpdated().then();
    }

    private Mono<Long> applied(int partition) {
        return db.sql("SELECT next_offset FROM room_stream_position WHERE kafka_partition = :p").bind("p", partition)
                .map(r -> r.get("next_offset", Long.class)).one().defaultIfEmpty(0L);
    }

    /** The partition the relay's default partitioner puts the room's records in (murmur2 of the key). */
    private Mono<Integer> partitionOf(UUID roomId) {
        Integer known = partitionCount.get(Topics.ROOM);
        Mono<Integer> count = known != null ? Mono.just(known)
                : Mono.fromFuture(admin.describeTopics(List.of(Topics.ROOM)).allTopicNames()
                                .toCompletionStage().toCompletableFuture())
                        .map(d -> d.get(Topics.ROOM).partitions().size())
                        .doOnNext(n -> partitionCount.put(Topics.ROOM, n));
        byte[] key = roomId.toString().getBytes(StandardCharsets.UTF_8);
        return count.map(n -> Utils.toPositive(Utils.murmur2(key)) % n);
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
