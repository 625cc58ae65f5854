package dev.parley.message.typing;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.events.data.TypingData;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiResponse;

@RestController
@RequestMapping("/api/v1/rooms/{room_id}/typing")
class TypingController {

    private final TypingService typing;

    public TypingController(TypingService typing) {
        this.typing = typing;
    }

    @PostMapping("/start")
    public Mono<ApiResponse<TypingData>> start(@AuthenticationPrincipal Jwt jwt, @PathVariable("room_id") UUID roomId) {
        return typing.start(CurrentUser.of(jwt), roomId).map(d -> ApiResponse.ok("Typing started", d));
    }

    @PostMapping("/stop")
    public Mono<ApiResponse<TypingData>> stop(@AuthenticationPrincipal Jwt jwt, @PathVariable("room_id") UUID roomId) {
        return typing.stop(CurrentUser.of(jwt), roomId).map(d -> ApiResponse.ok("Typing stopped", d));
    }
}
