package dev.parley.gateway.history;

import java.util.UUID;

/** What a resume needs of a socket: who it is, its credentials for message-service, its cursor and its queue. */
public interface ResumeTarget {

    UUID userId();

    /** The access token the socket authenticated with (message-service authorises the replay with it). */
    String accessToken();

    StreamCursor cursor();

    /** Queues a frame; false when the socket cannot take it. */
    boolean offer(String frame);
}
