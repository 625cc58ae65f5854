package dev.parley.room.direct;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiResponse;
import dev.parley.room.core.RoomResponse;

@RestController
@RequestMapping("/api/v1/rooms")
class DirectRoomController {

    private final DirectRoomService directs;

    DirectRoomController(DirectRoomService directs) {
        this.directs = directs;
    }

    @PostMapping("/direct/{user_id}")
    public Mono<ResponseEntity<ApiResponse<RoomResponse>>> direct(@AuthenticationPrincipal Jwt jwt,
            @PathVariable("user_id") UUID userId) {
        return directs.direct(CurrentUser.of(jwt), userId).map(r -> ResponseEntity
                .status(r.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ApiResponse.ok(r.created() ? "Direct room created" : "Direct room retrieved", r.room())));
    }
}
