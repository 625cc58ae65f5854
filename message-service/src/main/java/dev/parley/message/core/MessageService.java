package dev.parley.message.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.Role;
import dev.parley.events.Times;
import dev.parley.events.data.Attachment;
import dev.parley.events.data.MentionData;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.MessageDeletedData;
import dev.parley.events.data.MessageReadData;
import dev.parley.events.data.Reaction;
import dev.parley.events.data.UserSummary;
import dev.parley.message.MessageProperties;
import dev.parley.message.file.AttachmentRequest;
import dev.parley.message.file.FileService;
import dev.parley.message.membership.Membership;
import dev.parley.message.membership.RoomAccess;
import dev.parley.message.stream.RoomStream;
import dev.parley.message.user.AuthorDirectory;
import dev.parley.platform.database.RateWindow;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiError;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.PageRequest;
import dev.parley.platform.web.Pagination;

/** Sending, editing, deleting and reading messages, authorised against the current membership ({@link RoomAccess}). */
@Service
public class MessageService {

    private final MessageRepository messages;
    private final MessageReactions reactions;
    private final Membership membership;
    private final RoomAccess access;
    private final RoomStream stream;
    private final AuthorDirectory authors;
    private final FileService files;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final MessageProperties props;
    private final Clock clock;
    private final Bulkhead sending;
    private final SendAdmission admission;
    private final SendBudget budget;

    public MessageService(MessageRepository messages, MessageReactions reactions, Membership membership,
            RoomAccess access, RoomStream stream, AuthorDirectory authors, FileService files, Outbox outbox,
            TransactionalOperator tx, MessageProperties props, Clock clock, SendAdmission admission,
            SendBudget budget) {
        this.admission = admission;
        this.budget = budget;
        this.access = access;
        this.stream = stream;
        this.messages = messages;
        this.reactions = reactions;
        this.membership = membership;
        this.authors = authors;
        this.files = files;
        this.outbox = outbox;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
        this.sending = Bulkhead.of("message-send", BulkheadConfig.custom()
                .maxConcurrentCalls(props.sendConcurrency()).maxWaitDuration(Duration.ZERO).build());
    }

    /** A sent message and whether this call created it (false for a retried {@code client_message_id}). */
    public record Sent(MessageData message, boolean created) {
    }

    public Mono<Sent> send(CurrentUser caller, SendMessageRequest req) {
        String type = req.type() == null ? "text" : req.type();
        List<AttachmentRequest> attachmentRequests =
                req.attachments() == null ? List.of() : req.attachments();
        List<ApiError.FieldError> problems = MessageRules.contentProblems(req.content(), type,
                attachmentRequests.size());
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.validation(problems));
        }
        // past sendConcurrency sends in progress, one more is refused at once: a client retries it (with its
        // client_message_id) after Retry-After instead of waiting behind work the instance cannot finish in time
        return admitted(caller, req).transformDeferred(BulkheadOperator.of(sending))
                .onErrorMap(BulkheadFullException.class, e -> ApiException.unavailable(
                        "Too many messages are being sent right now, please retry", 1));
    }

    private Mono<Sent> admitted(CurrentUser caller, SendMessageRequest req) {
        String type = req.type() == null ? "text" : req.type();
        List<AttachmentRequest> attachmentRequests =
                req.attachments() == null ? List.of() : req.attachments();
        Mono<Sent> retry = req.clientMessageId() == null ? Mono.empty()
                : messages.findByClientId(caller.id(), req.clientMessageId())
                        .flatMap(m -> withDetails(List.of(m), caller.id()))
                        .map(list -> new Sent(list.get(0), false));
        return retry.switchIfEmpty(Mono.defer(() -> admission.admit(caller, req.roomId())
                .flatMap(a -> {
                    if (a.role() == null) {
                        return Mono.error(ApiException.forbidden("You are not a member of this room"));
                    }
                    if ("broadcast".equals(a.roomType()) && Role.MEMBER.is(a.role())) {
                        return Mono.error(ApiException.forbidden("Only the owner and admins post in a broadcast room"));
                    }
                    return rateLimited(caller).then(Mono.just(a.author()));
                })
                .flatMap(author -> (req.replyTo() == null ? Mono.<Void>empty()
                        : messages.existsInRoom(req.replyTo(), req.roomId())
                                .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(ApiException.validation("reply_to",
                                        "Reply must refer to a message of the same room"))))
                        .then(files.resolveAttachments(caller.id(), attachmentRequests))
                        .flatMap(attachments -> write(caller, req, type, attachments, author)))
                .onErrorResume(DataIntegrityViolationException.class, e -> req.clientMessageId() == null
                        ? Mono.error(e)
                        : messages.findByClientId(caller.id(), req.clientMessageId())
                                .flatMap(m -> withDetails(List.of(m), caller.id()))
                                .map(list -> new Sent(list.get(0), false)))));
    }

    private Mono<Sent> write(CurrentUser caller, SendMessageRequest req, String type, List<Attachment> attachments,
            UserSummary author) {
        String content = req.content() == null ? "" : req.content();
        if (attachments.isEmpty() && MessageRules.mentions(content).isEmpty()) {
            // the common send: the message, its seq, the outbox and the stream row in one statement
            Instant now = Times.now(clock);
            Message unnumbered = new Message(UUID.randomUUID(), req.roomId(), caller.id(), content, type,
                    req.replyTo(), attachments, null, now, now, RoomStream.UNNUMBERED);
            return stream.appendWith(messages.insertNumbered(unnumbered, req.clientMessageId()),
                            EventTypes.MESSAGE_SEND, caller.id(), req.roomId(), caller.id(),
                            toData(unnumbered, author, List.of()), now)
                    .map(seq -> new Sent(toData(unnumbered.withSeq(seq), author, List.of()), true));
        }
        Mono<Sent> body = stream.next(req.roomId()).flatMap(seq -> {
            Instant now = Times.now(clock);
            Message message = new Message(UUID.randomUUID(), req.roomId(), caller.id(), content, type, req.replyTo(),
                    attachments, null, now, now, seq);
            MessageData data = toData(message, author, List.of());
            return messages.insert(message, req.clientMessageId())
                    .then(messages.recordFileMessages(attachments.stream().map(Attachment::id).toList(), message.id(),
                            req.roomId()))
                    .then(stream.append(seq, EventTypes.MESSAGE_SEND, caller.id(), message.roomId(), caller.id(), data,
                            now))
                    .then(mentions(message, author, now))
                    .thenReturn(new Sent(data, true));
        });
        return tx.transactional(body);
    }

    /** One notification per mentioned member (not the author), in the message's transaction. */
    private Mono<Void> mentions(Message message, UserSummary author, Instant now) {
        Set<String> names = MessageRules.mentions(message.content());
        if (names.isEmpty()) {
            return Mono.empty();
        }
        return membership.roomName(message.roomId()).defaultIfEmpty("")
                .flatMap(roomName -> membership.membersNamed(message.roomId(), names)
                        .filter(user -> !user.equals(message.userId()))
                        .concatMap(user -> outbox.append(EventTypes.NOTIFICATION_MENTION, message.userId(),
                                message.roomId(), user, new MentionData(message.roomId(), roomName, message.id(), author,
                                        MessageRules.excerpt(message.content())), now))
                        .then());
    }

    /**
     * At most {@code send-limit} messages per user in any {@code send-window}, across all replicas, taken atomically
     * ({@link SendBudget}).
     */
    private Mono<Void> rateLimited(CurrentUser caller) {
        if (props.sendLimit() <= 0) {
            return Mono.empty(); // turned off (the benchmark, which is the load)
        }
        Instant now = Times.now(clock);
        return budget.take(caller.id(), now, props.sendWindow(), props.sendLimit())
                .flatMap(taken -> taken ? Mono.<Void>empty()
                        : budget.freesAt(caller.id(), now, props.sendWindow()).flatMap(free -> Mono.error(
                                ApiException.tooManyRequests("You are sending messages too fast",
                                        RateWindow.retryAfterSeconds(now, free)))));
    }

    /** Edits a live message's content (its author only); sets {@code edited_at}. */
    public Mono<MessageData> edit(CurrentUser caller, UUID messageId, String content) {
        List<ApiError.FieldError> problems = new ArrayList<>(MessageRules.contentProblems(content, "text", 0));
        if (content != null && content.length() > MessageRules.MAX_CONTENT_LENGTH) {
            problems.add(new ApiError.FieldError("content", "Content must be at most 4000 characters"));
        }
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.validation(problems));
        }
        Mono<MessageData> body = visibleForUpdate(caller, messageId).flatMap(m -> {
            if (!m.message().userId().equals(caller.id())) {
                return Mono.error(ApiException.forbidden("Only the author can edit a message"));
            }
            Instant now = Times.now(clock);
            return messages.updateContent(messageId, content, now)
                    .flatMap(updated -> withDetails(List.of(updated), caller.id()).map(l -> l.get(0)))
                    .flatMap(data -> stream.append(EventTypes.MESSAGE_EDIT, caller.id(), data.roomId(), data.userId(),
                            data, now).thenReturn(data));
        });
        return tx.transactional(body);
    }

    /** Deletes a message (its author, or the room's owner or admins). It leaves history and takes no reactions. */
    public Mono<Void> delete(CurrentUser caller, UUID messageId) {
        Mono<Void> body = visibleForUpdate(caller, messageId).flatMap(m -> {
            boolean author = m.message().userId().equals(caller.id());
            boolean moderator = Role.parse(m.role()).map(Role::moderates).orElse(false);
            if (!author && !moderator) {
                return Mono.error(ApiException.forbidden("Only the author or the room's owner and admins can delete"));
            }
            Instant now = Times.now(clock);
            Message msg = m.message();
            return messages.softDelete(messageId, now).then(stream.append(EventTypes.MESSAGE_DELETE, caller.id(),
                    msg.roomId(), msg.userId(), new MessageDeletedData(msg.id(), msg.roomId(), msg.userId(), caller.id(),
                            now), now)).then();
        });
        return tx.transactional(body);
    }

    /** Moves the caller's read position in a room to a message → {@code event.message.read}. */
    public Mono<MessageReadData> read(CurrentUser caller, UUID roomId, UUID messageId) {
        return requireMember(roomId, caller.id())
                .then(messages.findLive(messageId))
                .filter(m -> m.roomId().equals(roomId))
                .switchIfEmpty(Mono.error(ApiException.validation("message_id", "Not a message of this room")))
                .flatMap(m -> {
                    Instant now = Times.now(clock);
                    MessageReadData data = new MessageReadData(roomId, caller.id(), m.id(), m.createdAt(), now);
                    return tx.transactional(outbox.append(EventTypes.MESSAGE_READ, caller.id(), roomId, caller.id(),
                            data, now)).thenReturn(data);
                });
    }

    public Mono<Page> history(CurrentUser caller, UUID roomId, PageRequest page) {
        return requireMember(roomId, caller.id())
                .then(Mono.zip(messages.count(roomId), messages.page(roomId, page.offset(), page.limit()).collectList()))
                .flatMap(t -> withDetails(t.getT2(), caller.id())
                        .map(list -> new Page(list, page.pagination(t.getT1()), null)));
    }

    /**
     * The sequence form of history (a Parley extension for long gaps): up to {@code limit} live messages whose
     * send seq is greater than {@code afterSeq}, oldest first; {@code pagination.total} counts all of them.
     */
    public Mono<Page> historyAfterSeq(CurrentUser caller, UUID roomId, long afterSeq, int limit) {
        return requireMember(roomId, caller.id())
                .then(Mono.zip(messages.countAfterSeq(roomId, afterSeq),
                        messages.afterSeq(roomId, afterSeq, limit).collectList()))
                .flatMap(t -> withDetails(t.getT2(), caller.id())
                        .map(list -> new Page(list, Pagination.of(1, limit, t.getT1()), t.getT1() > list.size())));
    }

    /**
     * The cursor form of history: up to {@code limit} messages just before or just after a message of the room,
     * oldest first, and whether more are there. Cursors follow the room's commit order, so paging with
     * {@code after} while messages arrive never skips or repeats one.
     */
    public Mono<Page> historyAround(CurrentUser caller, UUID roomId, UUID before, UUID after, int limit) {
        UUID cursor = before != null ? before : after;
        return requireMember(roomId, caller.id())
                .then(messages.inRoom(cursor, roomId))
                .flatMap(ok -> ok ? Mono.empty() : Mono.error(ApiException.validation(before != null ? "before" : "after",
                        "Not a message of this room")))
                .then(Mono.zip(messages.count(roomId), (before != null ? messages.before(roomId, cursor, limit + 1)
                        : messages.after(roomId, cursor, limit + 1)).collectList()))
                .flatMap(t -> {
                    List<Message> list = new ArrayList<>(t.getT2());
                    boolean more = list.size() > limit;
                    if (more) {
                        if (before != null) {
                            list.remove(0);
                        } else {
                            list.remove(list.size() - 1);
                        }
                    }
                    return withDetails(list, caller.id())
                            .map(l -> new Page(l, Pagination.of(1, limit, t.getT1()), more));
                });
    }

    /** Reactions of a visible, live message. */
    public Mono<Visible> visible(CurrentUser caller, UUID messageId) {
        return messages.findLive(messageId)
                .flatMap(m -> access.role(m.roomId(), caller.id()).map(role -> new Visible(m, role)))
                .switchIfEmpty(Mono.error(ApiException.notFound("Message not found")));
    }

    private Mono<Visible> visibleForUpdate(CurrentUser caller, UUID messageId) {
        return messages.lockLive(messageId)
                .flatMap(m -> access.role(m.roomId(), caller.id()).map(role -> new Visible(m, role)))
                .switchIfEmpty(Mono.error(ApiException.notFound("Message not found")));
    }

    /** A live message and the caller's role in its room (only members see it). */
    public record Visible(Message message, String role) {
    }

    /** Messages as the guide's objects: with their authors' current profiles and their reactions. */
    public Mono<List<MessageData>> withDetails(List<Message> list, UUID reader) {
        Set<UUID> ids = list.stream().map(Message::userId).collect(Collectors.toSet());
        Mono<Map<UUID, UserSummary>> authorsById = Flux.fromIterable(ids).flatMap(authors::find)
                .collectMap(UserSummary::id);
        Mono<Map<UUID, List<Reaction>>> reactionsById = reactions.of(list.stream().map(Message::id).toList(), reader);
        return Mono.zip(authorsById, reactionsById).map(t -> {
            Map<UUID, UserSummary> byId = new HashMap<>(t.getT1());
            List<MessageData> out = new ArrayList<>(list.size());
            for (Message m : list) {
                UserSummary author = byId.getOrDefault(m.userId(), new UserSummary(m.userId(), null, null, null));
                out.add(toData(m, author, t.getT2().getOrDefault(m.id(), List.of())));
            }
            return out;
        });
    }

    private Mono<MemberRole> requireMember(UUID roomId, UUID userId) {
        return access.roleAndType(roomId, userId).map(r -> new MemberRole(r.role(), r.roomType()))
                .switchIfEmpty(Mono.error(ApiException.forbidden("You are not a member of this room")));
    }

    static MessageData toData(Message m, UserSummary author, List<Reaction> reactions) {
        return new MessageData(m.id(), m.roomId(), m.userId(), m.content(), m.type(), m.replyTo(), m.attachments(),
                reactions, author, m.editedAt(), m.createdAt(), m.updatedAt(), m.seq());
    }

    record MemberRole(String role, String roomType) {
    }

    /** A page of history; {@code hasMore} only for the cursor form. */
    public record Page(List<MessageData> messages, Pagination pagination, Boolean hasMore) {
    }
}
