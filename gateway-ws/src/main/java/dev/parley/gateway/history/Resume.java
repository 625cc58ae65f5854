package dev.parley.gateway.history;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.Times;
import dev.parley.gateway.payload.EventPayloads;

/**
 * The {@code resume} extension (ADR 0009): a client names, per room, the last seq it saw; it gets every later
 * event of each room it may still see, in seq order and once, as the normal frames, then live frames continue
 * with no gap and no overlap; {@code resume_complete} says per room {@code recovered: true} with the latest seq,
 * or {@code recovered: false} with the reason and the range it must fetch itself
 * ({@code GET /rooms/{id}/messages?after_seq=}).
 *
 * <p>The replay comes from this instance's {@link RecentFrames} when they hold the whole range, otherwise from
 * message-service ({@link StreamSource}), so it does not depend on which instance served the client before.
 */
@Component
public class Resume {

    private static final Logger log = LoggerFactory.getLogger(Resume.class);

    public static final String NOT_A_MEMBER = "not_a_member";
    public static final String TOO_MANY = "too_many";
    public static final String RETENTION_EXCEEDED = "retention_exceeded";
    public static final String UNAVAILABLE = "unavailable";

    private final RecentFrames window;
    private final StreamSource source;
    private final EventPayloads payloads;
    private final JsonMapper mapper;
    private final Clock clock;
    private final int maxEvents;
    private final int maxRooms;

    Resume(RecentFrames window, StreamSource source, EventPayloads payloads, JsonMapper mapper, Clock clock,
            @Value("${parley.gateway.resume.max-events-per-room:1000}") int maxEvents,
            @Value("${parley.gateway.resume.max-rooms:100}") int maxRooms) {
        this.window = window;
        this.source = source;
        this.payloads = payloads;
        this.mapper = mapper;
        this.clock = clock;
        this.maxEvents = maxEvents;
        this.maxRooms = maxRooms;
    }

    public int maxRooms() {
        return maxRooms;
    }

    /** Holds the rooms' live frames from now on: call before the socket can receive any (or at once). */
    public void prepare(ResumeTarget target, Map<UUID, Long> rooms) {
        rooms.forEach((room, last) -> target.cursor().begin(room, last));
    }

    /**
     * Replays each room (after {@link #prepare}), then queues {@code resume_complete}. {@code mayRead} is the
     * gateway's view of who may see a room; message-service checks again for what it serves.
     */
    public Mono<Void> run(ResumeTarget target, Map<UUID, Long> rooms, Predicate<UUID> mayRead) {
        // rooms are independent: up to PARALLEL_ROOMS at once (fetches from message-service overlap); each
        // room's frames stay in seq order
        return Flux.fromIterable(rooms.entrySet())
                .flatMap(e -> room(target, e.getKey(), e.getValue(), mayRead).map(result -> Map.entry(e.getKey(),
                        result)), PARALLEL_ROOMS)
                .collectList()
                .flatMap(results -> {
                    ObjectNode frame = mapper.createObjectNode().put("type", "resume_complete");
                    ObjectNode out = frame.putObject("rooms");
                    results.forEach(r -> out.set(r.getKey().toString(), r.getValue()));
                    frame.put("timestamp", Times.now(clock).toString());
                    // after a replay the socket's queue may well be full: resume_complete waits for room as the
                    // replayed frames did, rather than being dropped
                    byte[] utf8 = frame.toString().getBytes(StandardCharsets.UTF_8);
                    return whenRoom(() -> target.offer(utf8));
                })
                .then();
    }

    private Mono<ObjectNode> room(ResumeTarget target, UUID room, long last, Predicate<UUID> mayRead) {
        StreamCursor<byte[]> cursor = target.cursor();
        if (!mayRead.test(room)) {
            cursor.abandon(room);
            return Mono.just(missing(NOT_A_MEMBER, last + 1, null));
        }
        Optional<List<RecentFrames.Entry>> local = window.after(room, last);
        if (local.isPresent()) {
            return replay(target, room, last, local.get());
        }
        return source.after(target.accessToken(), room, last, maxEvents + 1)
                .<Object>map(slice -> slice)
                .onErrorResume(StreamSource.NotAllowed.class, e -> Mono.just(NOT_A_MEMBER))
                .onErrorResume(e -> !(e instanceof StreamSource.NotAllowed), e -> {
                    log.info("resume of room {} for user {}: message-service did not answer: {}", room,
                            target.userId(), e.toString());
                    return Mono.just(UNAVAILABLE);
                })
                .flatMap(answer -> {
                    if (NOT_A_MEMBER.equals(answer)) {
                        cursor.abandon(room);
                        return Mono.just(missing(NOT_A_MEMBER, last + 1, null));
                    }
                    if (UNAVAILABLE.equals(answer)) {
                        cursor.end(room, last, target::offer);
                        return Mono.just(missing(UNAVAILABLE, last + 1, null));
                    }
                    return fromSource(target, room, last, (StreamSource.Slice) answer);
                });
    }

    private Mono<ObjectNode> replay(ResumeTarget target, UUID room, long last, List<RecentFrames.Entry> frames) {
        StreamCursor<byte[]> cursor = target.cursor();
        if (frames.size() > maxEvents) {
            long to = frames.get(frames.size() - 1).seq();
            cursor.end(room, to, target::offer);
            return Mono.just(missing(TOO_MANY, last + 1, to));
        }
        long upTo = frames.isEmpty() ? last : frames.get(frames.size() - 1).seq();
        return giveAll(target, room, frames, upTo);
    }

    private Mono<ObjectNode> fromSource(ResumeTarget target, UUID room, long last, StreamSource.Slice slice) {
        StreamCursor<byte[]> cursor = target.cursor();
        if (slice.latestSeq() <= last) {
            cursor.end(room, last, target::offer);
            return Mono.just(recovered(cursor.lastGiven(room)));
        }
        if (slice.oldestSeq() == null || slice.oldestSeq() > last + 1) {
            cursor.end(room, slice.latestSeq(), target::offer);
            return Mono.just(missing(RETENTION_EXCEEDED, last + 1, slice.latestSeq()));
        }
        if (slice.events().size() > maxEvents) {
            cursor.end(room, slice.latestSeq(), target::offer);
            return Mono.just(missing(TOO_MANY, last + 1, slice.latestSeq()));
        }
        List<RecentFrames.Entry> frames = new ArrayList<>();
        long upTo = last;
        for (EventEnvelope event : slice.events()) {
            Optional<String> frame = payloads.toFrame(event);
            if (frame.isPresent()) {
                frames.add(new RecentFrames.Entry(event.seq(), frame.get()));
            }
            upTo = event.seq();
        }
        return giveAll(target, room, frames, upTo);
    }

    /** Queues the frames in order, then ends the room's resume (its held live frames follow). */
    private Mono<ObjectNode> giveAll(ResumeTarget target, UUID room, List<RecentFrames.Entry> frames, long upTo) {
        StreamCursor<byte[]> cursor = target.cursor();
        return Flux.fromIterable(frames)
                .concatMap(f -> give(target, room, f.seq(), f.frame()))
                .then(Mono.fromSupplier(() -> {
                    cursor.end(room, upTo, target::offer);
                    return recovered(cursor.lastGiven(room));
                }));
    }

    /**
     * Queues one replayed frame, waiting while the socket's queue is full: the client reads as fast as it can, and a
     * replay never overflows the queue by itself. A client that takes nothing for {@link #QUEUE_WAIT} fails the
     * resume (the socket is then closed as too slow).
     */
    private Mono<Void> give(ResumeTarget target, UUID room, long seq, String frame) {
        byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
        return whenRoom(() -> target.cursor().replay(room, seq, utf8, target::offer));
    }

    /** Tries {@code queue} every {@link #QUEUE_POLL} until it queued its frame; fails after {@link #QUEUE_WAIT}. */
    private static Mono<Void> whenRoom(Callable<Boolean> queue) {
        return Mono.fromCallable(queue)
                .filter(queued -> queued)
                .repeatWhenEmpty(attempts -> attempts.delayElements(QUEUE_POLL))
                .timeout(QUEUE_WAIT)
                .then();
    }

    private static final int PARALLEL_ROOMS = 8;
    private static final Duration QUEUE_POLL = Duration.ofMillis(5);
    static final Duration QUEUE_WAIT = Duration.ofSeconds(10);

    private ObjectNode recovered(long seq) {
        return mapper.createObjectNode().put("recovered", true).put("seq", seq);
    }

    private ObjectNode missing(String reason, long from, Long to) {
        ObjectNode n = mapper.createObjectNode().put("recovered", false).put("reason", reason).put("from_seq", from);
        if (to != null) {
            n.put("to_seq", to);
        }
        return n;
    }

    /** Parses a {@code rooms} object ({@code {"<room id>": <last seq>, ...}}); empty with an error text if bad. */
    public static Parsed parse(JsonNode rooms, int maxRooms) {
        if (rooms == null || !rooms.isObject()) {
            return Parsed.error("rooms must be an object of room id to last seq");
        }
        if (rooms.size() > maxRooms) {
            return Parsed.error("At most " + maxRooms + " rooms per resume");
        }
        Map<UUID, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : rooms.properties()) {
            UUID room;
            try {
                room = UUID.fromString(e.getKey());
            } catch (IllegalArgumentException bad) {
                return Parsed.error("rooms keys must be room ids");
            }
            if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                return Parsed.error("rooms values must be seqs (integers, 0 or more)");
            }
            out.put(room, e.getValue().asLong());
        }
        return new Parsed(out, null);
    }

    /** A parsed {@code rooms} object, or why it is not one. */
    public record Parsed(Map<UUID, Long> rooms, String error) {
        static Parsed error(String message) {
            return new Parsed(Map.of(), message);
        }
    }
}
