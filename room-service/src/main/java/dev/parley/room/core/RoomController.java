package dev.parley.room.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiResponse;
import dev.parley.platform.web.PageRequest;

@RestController
@RequestMapping("/api/v1/rooms")
class RoomController {

    private final RoomService rooms;

    public RoomController(RoomService rooms) {
        this.rooms = rooms;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<RoomResponse>> create(@AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody CreateRoomRequest request) {
        return rooms.create(CurrentUser.of(jwt), request).map(r -> ApiResponse.ok("Room created successfully", r));
    }

    /** The guide's Room List Response: public rooms to discover. */
    @GetMapping
    public Mono<ApiResponse<Map<String, List<RoomResponse>>>> discover(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(name = "search", required = false) String search,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "limit", required = false) Integer limit) {
        return rooms.discover(CurrentUser.of(jwt), search, PageRequest.of(page, limit, 20, 100))
                .map(p -> ApiResponse.page("Rooms retrieved successfully", Map.of("rooms", p.rooms()), p.pagination()));
    }

    /** The caller's chat list, most recent activity first, with last message and unread count. */
    @GetMapping("/my-chats")
    public Mono<ApiResponse<Map<String, List<RoomResponse>>>> myChats(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "limit", required = false) Integer limit) {
        return rooms.myChats(CurrentUser.of(jwt), PageRequest.of(page, limit, 20, 100))
                .map(p -> ApiResponse.page("Rooms retrieved successfully", Map.of("rooms", p.rooms()), p.pagination()));
    }

    @GetMapping("/{id}")
    public Mono<ApiResponse<RoomResponse>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return rooms.get(CurrentUser.of(jwt), id).map(r -> ApiResponse.ok("Room retrieved successfully", r));
    }

    @PatchMapping("/{id}")
    public Mono<ApiResponse<RoomResponse>> update(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id,
            @RequestBody JsonNode body) {
        return rooms.update(CurrentUser.of(jwt), id, body).map(r -> ApiResponse.ok("Room updated successfully", r));
    }

    @DeleteMapping("/{id}")
    public Mono<ApiResponse<Void>> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return rooms.delete(CurrentUser.of(jwt), id).thenReturn(ApiResponse.<Void>ok("Room deleted successfully", null));
    }
}
