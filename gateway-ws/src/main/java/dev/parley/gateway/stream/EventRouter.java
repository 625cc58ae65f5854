package dev.parley.gateway.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventCatalog;
import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.events.Topics;
import dev.parley.events.data.RoomChangeData;
import dev.parley.gateway.history.RecentFrames;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.gateway.payload.EventPayloads;
import dev.parley.gateway.ws.ConnectionRegistry;

/**
 * Decides who sees an event, serialises its payload once and queues it to exactly those sockets:
 * <ul>
 *   <li>room events ({@code event.room}, {@code event.message}, {@code event.typing}): the room's members (and
 *       sockets that joined a public room), typing but not to the typist's own sockets; a leaving or removed member sees their own {@code user_leave}, and a
 *       deleted room's members its {@code room_delete}, before the view forgets them;</li>
 *   <li>{@code event.user} profile changes: everyone who shares a room with that user; status changes: everyone
 *       who shares a room of at most {@code parley.gateway.presence-room-limit} members with them (ADR 0012);</li>
 *   <li>{@code event.notification}: the target user's sockets only;</li>
 *   <li>{@code event.system}: every socket.</li>
 * </ul>
 * An event whose id was pushed already (a re-published record) is not pushed again; a room-stream event (with a
 * {@code seq}) is also kept in {@link RecentFrames} for resumes.
 */
@Component
class EventRouter {

    private final JsonMapper mapper;
    private final EventPayloads payloads;
    private final MembershipView view;
    private final ConnectionRegistry sockets;

    private final MeterRegistry meters;
    private final Clock clock;
    private final RecentFrames recent;
    private final SeenEvents seen = new SeenEvents(50_000);
    private final int presenceRoomLimit;

    public EventRouter(JsonMapper mapper, EventPayloads payloads, MembershipView view, ConnectionRegistry sockets,
            MeterRegistry meters, Clock clock, RecentFrames recent,
            dev.parley.gateway.GatewayProperties properties) {
        this.presenceRoomLimit = properties.presenceRoomLimit();
        this.recent = recent;
        this.mapper = mapper;
        this.payloads = payloads;
        this.view = view;
        this.sockets = sockets;
        this.meters = meters;
        this.clock = clock;
    }

    /** Frames out by type, and the time from the event's {@code occurred_at} to its push. */
    private void measure(EventEnvelope event, int sockets) {
        String type = payloads.frameType(event.type()).orElse("none");
        meters.counter("parley.ws.frames.out", "type", type).increment(sockets);
        Timer.builder("parley.ws.delivery.latency")
                .description("from the event's occurred_at to its frames being queued").publishPercentileHistogram()
                .register(meters)
                .record(Duration.between(event.occurredAt(), clock.instant()));
    }

    /** A record of {@code event.room}: keeps the view current and, once live, pushes the payload. */
    public void onRoomEvent(String value, boolean live) {
        EventEnvelope event = mapper.readValue(value, EventEnvelope.class);
        boolean removal = EventTypes.ROOM_LEAVE.equals(event.type()) || EventTypes.ROOM_MEMBER_REMOVE.equals(event.type())
                || EventTypes.ROOM_DELETE.equals(event.type());
        // a room that stops being public (made private, or deleted): its followers hear this event, then nothing more
        boolean closesToFollowers = EventTypes.ROOM_DELETE.equals(event.type())
                || (EventTypes.ROOM_UPDATE.equals(event.type()) && view.isPublic(event.roomId())
                        && !EventCatalog.data(event, RoomChangeData.class).room().isPublic());
        boolean applyAfter = removal || closesToFollowers;
        if (!applyAfter) {
            view.apply(event);
        }
        if (live && seen.firstTime(event.eventId())) {
            payloads.toFrame(event).ifPresent(frame -> {
                // the one who left hears it once: through their own sockets, not again as one of the room's
                UUID leaver = removal && !EventTypes.ROOM_DELETE.equals(event.type()) ? event.userId() : null;
                int n = sockets.deliverToRoom(event.roomId(), 0, frame, leaver);
                if (leaver != null) {
                    n += sockets.deliverToUser(leaver, frame);
                }
                measure(event, n);
            });
        }
        if (applyAfter) {
            view.apply(event);
        }
        if (closesToFollowers) {
            sockets.dropFollowers(event.roomId());
        }
    }

    /** A record of a live topic. */
    public void onLiveEvent(String topic, String value) {
        EventEnvelope event = mapper.readValue(value, EventEnvelope.class);
        if (!seen.firstTime(event.eventId())) {
            return;
        }
        payloads.toFrame(event).ifPresent(frame -> {
            int n = switch (topic) {
                case Topics.MESSAGE -> event.roomId() == null ? 0 : roomStream(event, frame);
                // typing is for the others: never back to any socket of the typist
                case Topics.TYPING -> event.roomId() == null ? 0
                        : sockets.deliverToRoom(event.roomId(), 0, frame, event.userId());
                case Topics.USER -> event.userId() == null ? 0
                        : sockets.deliverToUsers(audienceOfUserEvent(event), frame);
                case Topics.NOTIFICATION -> event.userId() == null ? 0 : sockets.deliverToUser(event.userId(), frame);
                case Topics.SYSTEM -> sockets.deliverToAll(frame);
                default -> 0;
            };
            measure(event, n);
        });
    }

    /** A status change goes through the rooms small enough to carry presence (ADR 0012); a profile change to all. */
    private Set<UUID> audienceOfUserEvent(EventEnvelope event) {
        return EventTypes.USER_STATUS_CHANGE.equals(event.type())
                ? view.presenceAudienceOf(event.userId(), presenceRoomLimit)
                : view.contactsOf(event.userId());
    }

    /** A room-stream event: kept for resumes, then pushed through each socket's cursor. */
    private int roomStream(EventEnvelope event, String frame) {
        long seq = event.seq() == null ? 0 : event.seq();
        if (seq > 0) {
            recent.record(event.roomId(), seq, frame);
        }
        return sockets.deliverToRoom(event.roomId(), seq, frame, null);
    }
}
