package dev.parley.room.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventHeaders;
import dev.parley.events.EventTypes;
import dev.parley.events.Topics;
import dev.parley.events.data.MessageData;
import dev.parley.events.data.MessageDeletedData;
import dev.parley.events.data.MessageReadData;
import dev.parley.platform.consumer.EventInbox;
import dev.parley.platform.observability.RecordTracing;
import dev.parley.room.core.MemberRepository;

/**
 * Keeps the chat list current from {@code event.message}: last message on send, edit and delete, read
 * positions on read. Once per event, in room order.
 */
@Component
class MessageEventConsumer {

    static final String CONSUMER = "room-service.messages";

    private final JsonMapper mapper;
    private final EventInbox inbox;
    private final MessageProjection messages;
    private final MemberRepository members;
    private final RecordTracing tracing;

    public MessageEventConsumer(JsonMapper mapper, EventInbox inbox, MessageProjection messages,
            MemberRepository members, RecordTracing tracing) {
        this.mapper = mapper;
        this.inbox = inbox;
        this.messages = messages;
        this.members = members;
        this.tracing = tracing;
    }

    /**
     * A poll's records in one transaction (one commit per batch, not per message: the projection's cost per
     * message was mostly its commit). If the batch fails, its records go one by one, so that the one that fails
     * is named to the error handler (retried, then dead-lettered) and the others are applied. The broker answers a
     * fetch once it has {@code fetch.min.bytes} (64 KiB) or after {@code CHAT_LIST_FETCH_WAIT_MS} (100 ms): under
     * load a poll then carries many messages (the projection's cost per message was its cost per poll, issue #13),
     * and the chat list is at most that much behind the room.
     */
    @KafkaListener(topics = Topics.MESSAGE, groupId = CONSUMER, batch = "true", properties = {
            "fetch.min.bytes=65536", "fetch.max.wait.ms=${parley.rooms.chat-list-fetch-wait-ms:100}"})
    public void on(List<ConsumerRecord<String, String>> records) {
        // a span per traced record (child of its traceparent) for as long as its batch takes
        List<RecordTracing.Scope> spans = new ArrayList<>();
        if (tracing.enabled()) {
            for (ConsumerRecord<String, String> r : records) {
                String traceparent = RecordTracing.header(r.headers(), EventHeaders.TRACEPARENT);
                if (traceparent != null) {
                    spans.add(tracing.start("chat list apply", Span.Kind.CONSUMER, traceparent,
                            RecordTracing.header(r.headers(), EventHeaders.CE_TYPE)));
                }
            }
        }
        try {
            List<EventEnvelope> events = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                try {
                    events.add(mapper.readValue(records.get(i).value(), EventEnvelope.class));
                } catch (RuntimeException unreadable) {
                    applyAll(events);
                    throw new BatchListenerFailedException("record is not an event envelope", unreadable, i);
                }
            }
            applyAll(events);
        } finally {
            spans.forEach(RecordTracing.Scope::close);
        }
    }

    private void applyAll(List<EventEnvelope> events) {
        try {
            inbox.onceAll(CONSUMER, events, EventEnvelope::eventId, this::applyInOrder).block();
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < events.size(); i++) {
                EventEnvelope event = events.get(i);
                try {
                    inbox.once(CONSUMER, event.eventId(), () -> apply(event)).block();
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("event " + event.eventId() + " failed", e, i);
                }
            }
        }
    }

    /**
     * The batch's new events in their order; consecutive sends (the bulk of the topic) are inserted together,
     * one statement for the run instead of one per message.
     */
    private Mono<Void> applyInOrder(List<EventEnvelope> fresh) {
        List<Mono<Void>> steps = new ArrayList<>();
        List<MessageData> run = new ArrayList<>();
        for (EventEnvelope event : fresh) {
            if (EventTypes.MESSAGE_SEND.equals(event.type())) {
                run.add(mapper.treeToValue(event.data(), MessageData.class));
                continue;
            }
            if (!run.isEmpty()) {
                steps.add(messages.sentAll(List.copyOf(run)));
                run.clear();
            }
            steps.add(Mono.defer(() -> apply(event)));
        }
        if (!run.isEmpty()) {
            steps.add(messages.sentAll(List.copyOf(run)));
        }
        return Flux.concat(steps).then();
    }

    Mono<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case EventTypes.MESSAGE_SEND -> messages.sent(mapper.treeToValue(event.data(), MessageData.class));
            case EventTypes.MESSAGE_EDIT -> {
                MessageData m = mapper.treeToValue(event.data(), MessageData.class);
                yield messages.edited(m.id(), m.content());
            }
            case EventTypes.MESSAGE_DELETE -> messages.deleted(
                    mapper.treeToValue(event.data(), MessageDeletedData.class).messageId());
            case EventTypes.MESSAGE_READ -> {
                MessageReadData read = mapper.treeToValue(event.data(), MessageReadData.class);
                Mono<Instant> at = read.messageCreatedAt() != null ? Mono.just(read.messageCreatedAt())
                        : messages.createdAt(read.messageId());
                yield at.flatMap(createdAt -> members.markRead(read.roomId(), read.userId(), createdAt,
                        read.messageId()));
            }
            default -> Mono.empty();
        };
    }
}
