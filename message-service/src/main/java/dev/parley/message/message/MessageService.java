package dev.parley.message.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.Attachment;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.UserSummary;
import dev.parley.message.membership.Membership;
import dev.parley.message.user.AuthorDirectory;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiError;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.PageRequest;
import dev.parley.platform.web.Pagination;

/** Sending and reading messages, authorised against the membership projection. */
@Service
public class MessageService {

    private final MessageRepository messages;
    private final Membership membership;
    private final AuthorDirectory authors;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    public MessageService(MessageRepository messages, Membership membership, AuthorDirectory authors, Outbox outbox,
            TransactionalOperator tx, Clock clock) {
        this.messages = messages;
        this.membership = membership;
        this.authors = authors;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<MessageData> send(CurrentUser caller, SendMessageRequest req) {
        String type = req.type() == null ? "text" : req.type();
        List<SendMessageRequest.AttachmentRequest> attachmentRequests =
                req.attachments() == null ? List.of() : req.attachments();
        List<ApiError.FieldError> problems = MessageRules.contentProblems(req.content(), type,
                attachmentRequests.size());
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.validation(problems));
        }
        return requireMember(req.roomId(), caller.id())
                .flatMap(role -> "broadcast".equals(role.roomType()) && "member".equals(role.role())
                        ? Mono.error(ApiException.forbidden("Only the owner and admins post in a broadcast room"))
                        : Mono.just(role))
                .then(req.replyTo() == null ? Mono.empty() : messages.existsInRoom(req.replyTo(), req.roomId())
                        .flatMap(ok -> ok ? Mono.empty() : Mono.error(ApiException.validation("reply_to",
                                "Reply must refer to a message of the same room"))))
                .then(authors.describe(caller))
                .flatMap(author -> {
                    Instant now = Times.now(clock);
                    List<Attachment> attachments = attachmentRequests.stream()
                            .map(a -> new Attachment(UUID.randomUUID(), a.filename(), a.url(),
                                    a.type() == null ? "file" : a.type(), a.size()))
                            .toList();
                    Message message = new Message(UUID.randomUUID(), req.roomId(), caller.id(),
                            req.content() == null ? "" : req.content(), type, req.replyTo(), attachments, null, now, now);
                    MessageData data = toData(message, author);
                    return tx.transactional(messages.insert(message)
                            .then(outbox.append(EventTypes.MESSAGE_SEND, caller.id(), message.roomId(), caller.id(),
                                    data, now))
                            .thenReturn(data));
                });
    }

    public Mono<Page> history(CurrentUser caller, UUID roomId, PageRequest page) {
        return requireMember(roomId, caller.id())
                .then(Mono.zip(messages.count(roomId), messages.page(roomId, page.offset(), page.limit()).collectList()))
                .flatMap(t -> withAuthors(t.getT2()).map(list -> new Page(list, page.pagination(t.getT1()))));
    }

    private Mono<List<MessageData>> withAuthors(List<Message> list) {
        Set<UUID> ids = list.stream().map(Message::userId).collect(Collectors.toSet());
        return Flux.fromIterable(ids).flatMap(authors::find).collectMap(UserSummary::id).map(found -> {
            Map<UUID, UserSummary> byId = new HashMap<>(found);
            List<MessageData> out = new ArrayList<>(list.size());
            for (Message m : list) {
                UserSummary author = byId.getOrDefault(m.userId(), new UserSummary(m.userId(), null, null, null));
                out.add(toData(m, author));
            }
            return out;
        });
    }

    private Mono<MemberRole> requireMember(UUID roomId, UUID userId) {
        return membership.role(roomId, userId)
                .flatMap(role -> membership.roomType(roomId).map(type -> new MemberRole(role, type)))
                .switchIfEmpty(Mono.error(ApiException.forbidden("You are not a member of this room")));
    }

    static MessageData toData(Message m, UserSummary author) {
        return new MessageData(m.id(), m.roomId(), m.userId(), m.content(), m.type(), m.replyTo(), m.attachments(),
                List.of(), author, m.editedAt(), m.createdAt(), m.updatedAt());
    }

    record MemberRole(String role, String roomType) {
    }

    public record Page(List<MessageData> messages, Pagination pagination) {
    }
}
