package dev.parley.room.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.parley.events.Times;
import dev.parley.events.data.MemberData;
import dev.parley.platform.database.RateWindow;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiError;
import dev.parley.platform.web.TextRules;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.PageRequest;
import dev.parley.platform.web.Pagination;
import dev.parley.room.user.UserDirectory;

/** Rooms: create, read, change, delete and the lists. Each change and its event commit together. */
@Service
class RoomService {

    static final int DEFAULT_MAX_MEMBERS = 100;
    private static final Pattern URL = Pattern.compile("^https?://\\S{1,2040}$");

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

    private static final String NAME = "Must be a name: letters, digits, punctuation, symbols and spaces";

    static Map<String, Object> validateUpdate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation("body", "Request body must be a JSON object");
        }
        List<ApiError.FieldError> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        body.propertyNames().forEach(field -> {
            JsonNode v = body.get(field);
            switch (field) {
                case "name" -> {
                    if (!v.isString() || v.asString().isBlank() || v.asString().trim().length() > 100) {
                        problems.add(new ApiError.FieldError(field, "Name must be 1 to 100 characters"));
                    } else if (TextRules.hasForbiddenCharacter(v.asString())) {
                        problems.add(new ApiError.FieldError(field, TextRules.FORBIDDEN));
                    } else if (!TextRules.isName(v.asString())) {
                        problems.add(new ApiError.FieldError(field, NAME));
                    } else {
                        values.put(field, v.asString().trim());
                    }
                }
                case "description" -> {
                    if (!v.isNull() && (!v.isString() || v.asString().length() > 1000)) {
                        problems.add(new ApiError.FieldError(field, "Description must be at most 1000 characters"));
                    } else if (v.isString() && TextRules.hasForbiddenCharacter(v.asString())) {
                        problems.add(new ApiError.FieldError(field, TextRules.FORBIDDEN));
                    } else {
                        values.put(field, v.isNull() ? null : v.asString());
                    }
                }
                case "avatar" -> {
                    if (v.isString() && TextRules.hasForbiddenCharacter(v.asString())) {
                        problems.add(new ApiError.FieldError(field, TextRules.FORBIDDEN));
                    } else if (!v.isNull() && (!v.isString() || !URL.matcher(v.asString()).matches())) {
                        problems.add(new ApiError.FieldError(field, "Avatar must be an http(s) URL"));
                    } else {
                        values.put(field, v.isNull() ? null : v.asString());
                    }
                }
                case "is_public" -> {
                    if (!v.isBoolean()) {
                        problems.add(new ApiError.FieldError(field, "Is public must be true or false"));
                    } else {
                        values.put(field, v.asBoolean());
                    }
                }
                case "max_members" -> {
                    if (!v.isInt() || v.asInt() < 2 || v.asInt() > 10000) {
                        problems.add(new ApiError.FieldError(field, "Max members must be between 2 and 10000"));
                    } else {
                        values.put(field, v.asInt());
                    }
                }
                default -> problems.add(new ApiError.FieldError(field, "Cannot be changed"));
            }
        });
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return values;
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
