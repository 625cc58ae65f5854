package dev.parley.room.membership;

import java.util.UUID;

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
class JoinController {

    private final JoinService joins;

    JoinController(JoinService joins) {
        this.joins = joins;
    }

    @PostMapping("/{id}/join")
    public Mono<ApiResponse<RoomResponse>> join(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return joins.join(CurrentUser.of(jwt), id).map(r -> ApiResponse.ok(
                r.joined() ? "Joined room successfully" : "Already a member of this room", r.room()));
    }

    @PostMapping("/{id}/leave")
    public Mono<ApiResponse<Void>> leave(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return joins.leave(CurrentUser.of(jwt), id).thenReturn(ApiResponse.<Void>ok("Left room successfully", null));
    }
}
