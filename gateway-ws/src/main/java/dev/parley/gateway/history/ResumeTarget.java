package dev.parley.gateway.history;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** What a resume needs of a socket: who it is, its credentials for message-service, its cursor and its queue. */
public interface ResumeTarget {

    UUID userId();

    /** The access token the socket authenticated with (message-service authorises the replay with it). */
    String accessToken();

    /** Where the socket is in each room's stream; its frames are UTF-8 encoded text. */
    StreamCursor<byte[]> cursor();

    /** Queues a frame (UTF-8 text); false when the socket cannot take it. */
    boolean offer(byte[] frame);

    /** Queues a frame; false when the socket cannot take it. */
    default boolean offer(String frame) {
        return offer(frame.getBytes(StandardCharsets.UTF_8));
    }
}
