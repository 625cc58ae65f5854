package dev.parley.auth.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.parley.platform.web.ApiResponse;
import dev.parley.platform.web.PageRequest;

@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final ProfileService profiles;

    public UserController(ProfileService profiles) {
        this.profiles = profiles;
    }

    /** The status update body: {@code {"status": "online|away|busy|offline"}}. */
    public record StatusRequest(String status) {
    }

    @GetMapping("/me")
    public Mono<ApiResponse<UserResponse>> me(@AuthenticationPrincipal Jwt jwt) {
        return profiles.get(id(jwt)).map(u -> ApiResponse.ok("User retrieved successfully", UserResponse.of(u)));
    }

    @PatchMapping("/me")
    public Mono<ApiResponse<UserResponse>> update(@AuthenticationPrincipal Jwt jwt, @RequestBody JsonNode body) {
        return profiles.update(id(jwt), body).map(u -> ApiResponse.ok("Profile updated successfully",
                UserResponse.of(u)));
    }

    @PutMapping("/me/status")
    public Mono<ApiResponse<UserResponse>> status(@AuthenticationPrincipal Jwt jwt, @RequestBody StatusRequest body) {
        return profiles.setStatus(id(jwt), body.status()).map(u -> ApiResponse.ok("Status updated successfully",
                UserResponse.of(u)));
    }

    /** Another user's public profile (no email: the same object user events carry); your own User object for your id. */
    @GetMapping("/{id}")
    public Mono<ApiResponse<Object>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return profiles.get(id).map(u -> ApiResponse.<Object>ok("User retrieved successfully",
                u.id().equals(id(jwt)) ? UserResponse.of(u) : u.profile()));
    }

    /** Find people, e.g. to start a direct chat: username prefix or display-name substring. */
    @GetMapping
    public Mono<ApiResponse<Map<String, List<dev.parley.events.data.UserProfile>>>> search(
            @RequestParam(name = "search", required = false) String search,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "limit", required = false) Integer limit) {
        return profiles.search(search, PageRequest.of(page, limit, 20, 100)).map(p -> ApiResponse.page(
                "Users retrieved successfully", Map.of("users", p.users()), p.pagination()));
    }

    private static UUID id(Jwt jwt) {
        return UUID.fromString(jwt.getSubject());
    }
}
