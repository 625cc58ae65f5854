package dev.parley.message.message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.parley.events.data.MessageData;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiResponse;
import dev.parley.platform.web.PageRequest;

@RestController
@RequestMapping("/api/v1")
public class MessageController {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 100;

    private final MessageService messages;

    public MessageController(MessageService messages) {
        this.messages = messages;
    }

    @PostMapping("/messages")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ApiResponse<MessageData>> send(@AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody SendMessageRequest request) {
        return messages.send(CurrentUser.of(jwt), request).map(m -> ApiResponse.ok("Message sent successfully", m));
    }

    /** The guide's Messages List Response: page 1 holds the newest messages, each page oldest first. */
    @GetMapping("/rooms/{room_id}/messages")
    public Mono<ApiResponse<Map<String, List<MessageData>>>> history(@AuthenticationPrincipal Jwt jwt,
            @PathVariable("room_id") UUID roomId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "limit", required = false) Integer limit) {
        PageRequest request = PageRequest.of(page, limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return messages.history(CurrentUser.of(jwt), roomId, request).map(p -> ApiResponse.page(
                "Messages retrieved successfully", Map.of("messages", p.messages()), p.pagination()));
    }
}
