package dev.parley.message.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.events.data.MessageData;
import dev.parley.events.data.MessageReadData;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.ApiResponse;
import dev.parley.platform.web.PageRequest;

@RestController
@RequestMapping("/api/v1")
class MessageController {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 100;

    private final MessageService messages;

    public MessageController(MessageService messages) {
        this.messages = messages;
    }

    /** The guide's Edit Message Request. */
    public record EditMessageRequest(String content) {
    }

    public record ReadRequest(@NotNull(message = "Message id is required") UUID messageId) {
    }

    /** {@code 201} with the new message; {@code 200} with the original when a {@code client_message_id} is retried. */
    @PostMapping("/messages")
    public Mono<ResponseEntity<ApiResponse<MessageData>>> send(@AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody SendMessageRequest request) {
        return messages.send(CurrentUser.of(jwt), request).map(s -> ResponseEntity
                .status(s.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ApiResponse.ok(s.created() ? "Message sent successfully" : "Message already sent", s.message())));
    }

    @PutMapping("/messages/{id}")
    public Mono<ApiResponse<MessageData>> edit(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id,
            @RequestBody EditMessageRequest body) {
        return messages.edit(CurrentUser.of(jwt), id, body.content()).map(m -> ApiResponse.ok("Message updated", m));
    }

    @DeleteMapping("/messages/{id}")
    public Mono<ApiResponse<Void>> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable("id") UUID id) {
        return messages.delete(CurrentUser.of(jwt), id).thenReturn(ApiResponse.<Void>ok("Message deleted", null));
    }

    /**
     * The guide's Messages List Response: page 1 holds the newest messages, each page oldest first. With
     * {@code before} or {@code after} (a message id), the cursor form: the messages just before or after it, and
     * {@code has_more}. With {@code after_seq} (a Parley extension for long gaps): the messages whose send seq is
     * greater, in seq order, and {@code has_more}.
     */
    @GetMapping("/rooms/{room_id}/messages")
    public Mono<ApiResponse<Map<String, Object>>> history(@AuthenticationPrincipal Jwt jwt,
            @PathVariable("room_id") UUID roomId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "before", required = false) UUID before,
            @RequestParam(name = "after", required = false) UUID after,
            @RequestParam(name = "after_seq", required = false) Long afterSeq) {
        PageRequest request = PageRequest.of(page, limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        if ((before != null ? 1 : 0) + (after != null ? 1 : 0) + (afterSeq != null ? 1 : 0) > 1) {
            return Mono.error(ApiException.validation(before != null ? "before" : "after",
                    "Use one of before, after and after_seq"));
        }
        if (afterSeq != null && afterSeq < 0) {
            return Mono.error(ApiException.validation("after_seq", "after_seq must be 0 or more"));
        }
        Mono<MessageService.Page> result = afterSeq != null
                ? messages.historyAfterSeq(CurrentUser.of(jwt), roomId, afterSeq, request.limit())
                : before == null && after == null
                ? messages.history(CurrentUser.of(jwt), roomId, request)
                : messages.historyAround(CurrentUser.of(jwt), roomId, before, after, request.limit());
        return result.map(p -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("messages", p.messages());
            if (p.hasMore() != null) {
                data.put("has_more", p.hasMore());
            }
            return ApiResponse.page("Messages retrieved successfully", data, p.pagination());
        });
    }

    @PostMapping("/rooms/{room_id}/read")
    public Mono<ApiResponse<MessageReadData>> read(@AuthenticationPrincipal Jwt jwt, @PathVariable("room_id") UUID roomId,
            @Valid @RequestBody ReadRequest body) {
        return messages.read(CurrentUser.of(jwt), roomId, body.messageId()).map(r -> ApiResponse.ok("Marked as read", r));
    }
}
