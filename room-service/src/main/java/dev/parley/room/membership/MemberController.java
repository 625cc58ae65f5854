package dev.parley.room.membership;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import dev.parley.events.data.MemberData;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiResponse;
import dev.parley.platform.web.PageRequest;

@RestController
@RequestMapping("/api/v1/rooms/{id}/members")
class MemberController {

    private final MemberService members;

    public MemberController(MemberService members) {
        this.members = members;
    }

    /** The guide's Add Member Request. */
    public record AddMemberRequest(@NotNull(message = "User id is required") UUID userId, String role) {
    }

    public record RoleRequest(String role) {
    }

    @GetMapping
    public Mono<ApiResponse<Map<String, List<MemberData>>>> list(@AuthenticationPrincipal Jwt jwt,
            @PathVariable("id") UUID roomId, @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "limit", required = false) Integer limit) {
        return members.list(CurrentUser.of(jwt), roomId, PageRequest.of(page, limit, 50, 200))
                .map(p -> ApiResponse.page("Members retrieved", Map.of("members", p.members()), p.pagination()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<MemberData>> add(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID roomId,
            @Valid @RequestBody AddMemberRequest body) {
        return members.add(CurrentUser.of(jwt), roomId, body.userId(), body.role())
                .map(m -> ApiResponse.ok("Member added", m));
    }

    @DeleteMapping("/{user_id}")
    public Mono<ApiResponse<Void>> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID roomId,
            @PathVariable("user_id") UUID userId) {
        return members.remove(CurrentUser.of(jwt), roomId, userId).thenReturn(ApiResponse.<Void>ok("Member removed", null));
    }

    @PatchMapping("/{user_id}")
    public Mono<ApiResponse<MemberData>> role(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID roomId,
            @PathVariable("user_id") UUID userId, @RequestBody RoleRequest body) {
        return members.changeRole(CurrentUser.of(jwt), roomId, userId, body.role())
                .map(m -> ApiResponse.ok("Role updated", m));
    }
}
