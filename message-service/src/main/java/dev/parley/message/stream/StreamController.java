package dev.parley.message.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.message.membership.RoomAccess;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ApiResponse;

/**
 * A room's message stream after a seq, for members (and anyone, for a public room): what gateways replay to a client that resumes (ADR 0009).
 * {@code data}: {@code events} (envelopes, seq order), {@code oldest_seq} (the oldest still retained, or null)
 * and {@code latest_seq}. Served by message-service only; the gateway does not route it.
 */
@RestController
class StreamController {

    static final int MAX_LIMIT = 10_000;

    private final RoomStream stream;
    private final RoomAccess access;

    StreamController(RoomStream stream, RoomAccess access) {
        this.stream = stream;
        this.access = access;
    }

    @GetMapping("/api/v1/rooms/{room_id}/events")
    Mono<ApiResponse<Map<String, Object>>> events(@AuthenticationPrincipal Jwt jwt,
            @PathVariable("room_id") UUID roomId,
            @RequestParam(name = "after_seq", defaultValue = "0") long afterSeq,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (afterSeq < 0) {
            return Mono.error(ApiException.validation("after_seq", "after_seq must be 0 or more"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(ApiException.validation("limit", "limit must be between 1 and " + MAX_LIMIT));
        }
        return access.mayRead(roomId, UUID.fromString(jwt.getSubject()))
                .flatMap(may -> may ? stream.after(roomId, afterSeq, limit)
                        : Mono.error(ApiException.forbidden("You are not a member of this room")))
                .map(slice -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("events", slice.events());
                    data.put("oldest_seq", slice.oldestSeq());
                    data.put("latest_seq", slice.latestSeq());
                    return ApiResponse.ok("Events retrieved", data);
                });
    }
}
