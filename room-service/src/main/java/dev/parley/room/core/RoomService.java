package dev.parley.room.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.parley.events.Role;
import dev.parley.events.Times;
import dev.parley.events.data.MemberData;
import dev.parley.platform.database.RateWindow;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.MergePatch;
import dev.parley.platform.web.PageRequest;
import dev.parley.platform.web.Pagination;
import dev.parley.room.user.UserDirectory;

/** Rooms: create, read, change, delete and the lists. Each change and its event commit together. */
@Service
class RoomService {

    static final int DEFAULT_MAX_MEMBERS = 100;

    private final RoomRepository rooms;
    private final MemberRepository members;
    private final UserDirectory users;
    private final RoomAccess access;
    private final RoomEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;

    private final RateWindow creations;
    private final int createLimit;
    private final Duration createWindow;

    public RoomService(RoomRepository rooms, MemberRepository members, UserDirectory users,
            RoomAccess access, RoomEvents events, TransactionalOperator tx, Clock clock, DatabaseClient db,
            @Value("${parley.rooms.create-limit:30}") int createLimit,
            @Value("${parley.rooms.create-window:1h}") Duration createWindow) {
        this.creations = new RateWindow(db, "room_create_budget", "user_id");
        this.createLimit = createLimit;
        this.createWindow = createWindow;
        this.rooms = rooms;
        this.members = members;
        this.users = users;
        this.access = access;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<RoomResponse> create(CurrentUser caller, CreateRoomRequest req) {
        String type = req.type() == null ? "group" : req.type();
        if ("direct".equals(type)) {
            return Mono.error(ApiException.validation("type",
                    "Direct rooms are created with POST /api/v1/rooms/direct/{user_id}"));
        }
        if (req.name() == null || req.name().isBlank()) {
            return Mono.error(ApiException.validation("name", "Name is required"));
        }
        boolean isPublic = req.isPublic() != null ? req.isPublic() : "public".equals(type);
        Instant now = Times.now(clock);
        return createLimit <= 0 ? created(caller, req, type, isPublic, now)
                : creations.take(caller.id(), now, createWindow, createLimit).flatMap(taken -> taken
                        ? created(caller, req, type, isPublic, now)
                        : creations.freesAt(caller.id(), now, createWindow).flatMap(free -> Mono.error(
                                ApiException.tooManyRequests("You are creating rooms too fast",
                                        RateWindow.retryAfterSeconds(now, free)))));
    }

    /** At most {@code parley.rooms.create-limit} rooms per user in any {@code create-window} (0: no limit). */
    private Mono<RoomResponse> created(CurrentUser caller, CreateRoomRequest req, String type, boolean isPublic,
            Instant now) {
        Room room = new Room(UUID.randomUUID(), req.name().trim(), req.description(), type, req.avatar(), isPublic,
                req.maxMembers() == null ? DEFAULT_MAX_MEMBERS : req.maxMembers(), caller.id(), now, now);
        Mono<RoomResponse> write = users.describe(caller).flatMap(profile -> rooms.insert(room)
                .then(members.insert(room.id(), caller.id(), Role.OWNER, now))
                .then(events.created(room, new MemberData(caller.id(), room.id(), Role.OWNER.wireName(), now,
                        profile), now))
                .thenReturn(RoomResponse.of(room, 1)));
        return tx.transactional(write);
    }

    /** A room its caller may see: members see any room, others only public ones (else 404). */
    public Mono<RoomResponse> get(CurrentUser caller, UUID roomId) {
        return access.visible(caller.id(), roomId).then(rooms.view(roomId, caller.id()));
    }

    /**
     * Changes name, description, avatar, is_public or max_members (owner and admins; never a direct room's).
     * Publishes {@code event.room.update} with only the changed fields and who changed them.
     */
    public Mono<RoomResponse> update(CurrentUser caller, UUID roomId, JsonNode body) {
        Map<String, Object> requested = validateUpdate(body);
        Mono<RoomResponse> write = access.lockedMember(caller.id(), roomId).flatMap(m -> {
            Room room = m.room();
            if (room.isDirect()) {
                return Mono.error(ApiException.validation("type", "A direct room cannot be changed"));
            }
            if (!RoomPolicy.canEditRoom(m.role())) {
                return Mono.error(ApiException.forbidden("Only the owner and admins can change the room"));
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            Map<String, Object> current = new LinkedHashMap<>();
            current.put("name", room.name());
            current.put("description", room.description());
            current.put("avatar", room.avatar());
            current.put("is_public", room.isPublic());
            current.put("max_members", room.maxMembers());
            requested.forEach((k, v) -> {
                if (!Objects.equals(current.get(k), v)) {
                    changes.put(k, v);
                }
            });
            if (changes.isEmpty()) {
                return rooms.view(roomId, caller.id());
            }
            current.putAll(changes);
            Instant now = Times.now(clock);
            Room updated = room.with((String) current.get("name"), (String) current.get("description"),
                    (String) current.get("avatar"), (Boolean) current.get("is_public"),
                    (Integer) current.get("max_members"), now);
            Mono<Void> capacity = changes.containsKey("max_members") ? members.count(roomId).flatMap(n ->
                    n > updated.maxMembers() ? Mono.error(ApiException.validation("max_members",
                            "Max members cannot be below the current member count (" + n + ")")) : Mono.empty())
                    : Mono.empty();
            return capacity.then(rooms.update(updated))
                    .then(events.updated(updated, changes, caller.id(), now))
                    .then(rooms.view(roomId, caller.id()));
        });
        return tx.transactional(write);
    }

    /** What {@code PATCH /rooms/{id}} may change. */
    private static final MergePatch UPDATE = MergePatch.of("Cannot be changed")
            .field("name", MergePatch.name(100, "Name must be 1 to 100 characters"))
            .field("description", MergePatch.text(1000, "Description must be at most 1000 characters"))
            .field("avatar", MergePatch.url("Avatar must be an http(s) URL"))
            .field("is_public", MergePatch.bool("Is public must be true or false"))
            .field("max_members", MergePatch.integer(2, 10000, "Max members must be between 2 and 10000"));

    static Map<String, Object> validateUpdate(JsonNode body) {
        return UPDATE.validate(body);
    }

    /** Deletes a room (its owner only). */
    public Mono<Void> delete(CurrentUser caller, UUID roomId) {
        Mono<Void> write = access.lockedMember(caller.id(), roomId).flatMap(m -> {
            if (!RoomPolicy.canDeleteRoom(m.role())) {
                return Mono.error(ApiException.forbidden("Only the owner can delete the room"));
            }
            Instant now = Times.now(clock);
            return rooms.delete(roomId).then(events.deleted(m.room(), caller.id(), now));
        });
        return tx.transactional(write);
    }

    public Mono<Page> myChats(CurrentUser caller, PageRequest page) {
        return Mono.zip(rooms.countMyChats(caller.id()),
                        rooms.myChats(caller.id(), page.offset(), page.limit()).collectList())
                .map(t -> new Page(t.getT2(), page.pagination(t.getT1())));
    }

    public Mono<Page> discover(CurrentUser caller, String search, PageRequest page) {
        String q = search == null ? "" : search.trim();
        if (q.length() > 100) {
            return Mono.error(ApiException.validation("search", "Search text must be at most 100 characters"));
        }
        return Mono.zip(rooms.countDiscover(q), rooms.discover(caller.id(), q, page.offset(), page.limit()).collectList())
                .map(t -> new Page(t.getT2(), page.pagination(t.getT1())));
    }

    public record Page(List<RoomResponse> rooms, Pagination pagination) {
    }
}
