package dev.parley.room.invite;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
@RequestMapping("/api/v1")
class InviteController {

    private final InviteService invites;

    public InviteController(InviteService invites) {
        this.invites = invites;
    }

    public record InviteRequest(@NotNull(message = "User id is required") UUID userId) {
    }

    @PostMapping("/rooms/{id}/invites")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<InviteResponse>> invite(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID roomId,
            @Valid @RequestBody InviteRequest body) {
        return invites.invite(CurrentUser.of(jwt), roomId, body.userId())
                .map(i -> ApiResponse.ok("Invitation sent", i));
    }

    @GetMapping("/invites")
    public Mono<ApiResponse<Map<String, List<InviteResponse>>>> mine(@AuthenticationPrincipal Jwt jwt) {
        return invites.mine(CurrentUser.of(jwt)).map(l -> ApiResponse.ok("Invitations retrieved", Map.of("invites", l)));
    }

    @PostMapping("/invites/{id}/accept")
    public Mono<ApiResponse<InviteResponse>> accept(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return invites.accept(CurrentUser.of(jwt), id).map(i -> ApiResponse.ok("Invitation accepted", i));
    }

    @PostMapping("/invites/{id}/reject")
    public Mono<ApiResponse<InviteResponse>> reject(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return invites.reject(CurrentUser.of(jwt), id).map(i -> ApiResponse.ok("Invitation rejected", i));
    }
}
