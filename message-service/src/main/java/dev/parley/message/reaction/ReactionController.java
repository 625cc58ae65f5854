package dev.parley.message.reaction;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.events.data.MessageData;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiResponse;

@RestController
@RequestMapping("/api/v1")
class ReactionController {

    private final ReactionService reactions;

    ReactionController(ReactionService reactions) {
        this.reactions = reactions;
    }

    /** The guide's Add Reaction Request. */
    record ReactionRequest(String emoji) {
    }

    @PostMapping("/messages/{id}/reactions")
    public Mono<ApiResponse<MessageData>> react(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id,
            @RequestBody ReactionRequest body) {
        return reactions.add(CurrentUser.of(jwt), id, body.emoji()).map(m -> ApiResponse.ok("Reaction added", m));
    }

    @DeleteMapping("/messages/{id}/reactions/{emoji}")
    public Mono<ApiResponse<MessageData>> unreact(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id,
            @PathVariable("emoji") String emoji) {
        return reactions.remove(CurrentUser.of(jwt), id, emoji).map(m -> ApiResponse.ok("Reaction removed", m));
    }
}
