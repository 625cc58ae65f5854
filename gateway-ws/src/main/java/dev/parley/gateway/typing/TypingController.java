package dev.parley.gateway.typing;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.events.data.TypingData;
import dev.parley.events.data.UserSummary;
import dev.parley.gateway.BearerAuthentication;
import dev.parley.gateway.membership.MembershipView;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ApiResponse;

/** The guide's REST typing endpoints, answered by the gateway itself: members of the room only. */
@RestController
@RequestMapping("/api/v1/rooms/{room_id}/typing")
class TypingController {

    private final ReactiveJwtDecoder jwt;
    private final MembershipView membership;
    private final Typing typing;

    TypingController(ReactiveJwtDecoder jwt, MembershipView membership, Typing typing) {
        this.jwt = jwt;
        this.membership = membership;
        this.typing = typing;
    }

    @PostMapping("/start")
    Mono<ApiResponse<TypingData>> start(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable("room_id") String roomId) {
        return change(authorization, roomId, true).map(d -> ApiResponse.ok("Typing started", d));
    }

    @PostMapping("/stop")
    Mono<ApiResponse<TypingData>> stop(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable("room_id") String roomId) {
        return change(authorization, roomId, false).map(d -> ApiResponse.ok("Typing stopped", d));
    }

    /** Authentication first (401), then the room id (400), then membership (403), as the services order them. */
    private Mono<TypingData> change(String authorization, String roomIdText, boolean start) {
        return BearerAuthentication.decode(jwt, authorization).flatMap(token -> {
            UUID roomId;
            try {
                roomId = UUID.fromString(roomIdText);
            } catch (IllegalArgumentException e) {
                return Mono.error(ApiException.validation("room_id", "Has an invalid value"));
            }
            CurrentUser caller = CurrentUser.of(token);
            UserSummary user = new UserSummary(caller.id(), caller.username(),
                    caller.displayName() == null ? caller.username() : caller.displayName(), null);
            return membership.isMemberSoon(roomId, caller.id()).flatMap(member -> member
                    ? typing.change(user, roomId, start)
                    : Mono.error(ApiException.forbidden("You are not a member of this room")));
        });
    }
}
