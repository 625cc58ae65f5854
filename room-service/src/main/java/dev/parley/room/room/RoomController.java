package dev.parley.room.room;

import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiResponse;

@RestController
@RequestMapping("/api/v1/rooms")
public class RoomController {

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

    @GetMapping("/{id}")
    public Mono<ApiResponse<RoomResponse>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return rooms.get(CurrentUser.of(jwt), id).map(r -> ApiResponse.ok("Room retrieved successfully", r));
    }

    @PostMapping("/{id}/join")
    public Mono<ApiResponse<RoomResponse>> join(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return rooms.join(CurrentUser.of(jwt), id).map(r -> ApiResponse.ok(
                r.joined() ? "Joined room successfully" : "Already a member of this room", r.room()));
    }
}
