package dev.parley.events;

import java.util.List;

/**
 * Kafka topics and what keys their records. One topic per aggregate, keyed by it, so that one room's
 * events stay in order on one partition.
 */
public final class Topics {

    private Topics() {
    }

    /** Key: user id. */
    public static final String USER = "event.user";
    /** Key: room id. */
    public static final String ROOM = "event.room";
    /** Key: room id. */
    public static final String MESSAGE = "event.message";
    /** Key: room id. Short retention: typing is ephemeral. */
    public static final String TYPING = "event.typing";
    /** No key. */
    public static final String SYSTEM = "event.system";
    /** Key: the id of the user the event is for. */
    public static final String NOTIFICATION = "event.notification";

    /**
     * Key: room id. Compacted: the latest {@code event.room.membership.snapshot} of each room (its whole
     * membership), so that reading it costs one record per room, however long the room's history (ADR 0010).
     */
    public static final String ROOM_MEMBERSHIP = "room.membership";

    /**
     * Key: user id. The ended login sessions ({@code event.user.session.revoke}): every service and gateway reads
     * it from (now - access-token lifetime) at start and follows it, refusing the tokens of those sessions. Kept a
     * day, longer than any access token lives.
     */
    public static final String SESSION_REVOCATION = "session.revocation";

    public static final List<String> ALL = List.of(USER, ROOM, MESSAGE, TYPING, SYSTEM, NOTIFICATION, ROOM_MEMBERSHIP,
            SESSION_REVOCATION);

    /**
     * The suffix of a dead-letter topic, Spring Kafka 4's default: a record a consumer could not process after its
     * retries goes to {@code <topic>-dlt}, on the same partition, and the partition moves on. Brokers in production
     * do not create topics on demand, so each one is declared beside its topic (same partitions, kept 14 days).
     */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    /** The dead-letter topic of a topic. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The dead-letter topic of every topic of {@link #ALL}. */
    public static final List<String> DEAD_LETTERS = ALL.stream().map(Topics::deadLetter).toList();

    /** The topic an event type is published on. */
    public static String forType(String eventType) {
        if (EventTypes.USER_TYPING_START.equals(eventType) || EventTypes.USER_TYPING_STOP.equals(eventType)) {
            return TYPING;
        }
        if (EventTypes.ROOM_MEMBERSHIP_SNAPSHOT.equals(eventType)) {
            return ROOM_MEMBERSHIP;
        }
        if (EventTypes.USER_SESSION_REVOKE.equals(eventType)) {
            return SESSION_REVOCATION;
        }
        return switch (EventLevel.of(eventType)) {
            case USER -> USER;
            case ROOM -> ROOM;
            case MESSAGE -> MESSAGE;
            case SYSTEM -> SYSTEM;
            case NOTIFICATION -> NOTIFICATION;
        };
    }

    /** Record header names. Values are UTF-8 strings. No header ever carries a Java class name. */
    public static final class Headers {
        private Headers() {
        }

        public static final String EVENT_TYPE = "event_type";
        public static final String EVENT_ID = "event_id";
        public static final String TRACEPARENT = "traceparent";
    }
}
