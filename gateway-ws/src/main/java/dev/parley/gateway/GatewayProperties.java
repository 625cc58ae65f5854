package dev.parley.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowedOrigins browser origins (exact scheme://host[:port]; a loopback host may take port *) allowed to
 *                       open {@code /ws} and to call the API cross-origin
 * @param authTimeout    how long an unauthenticated socket may stay open
 * @param maxFrameBytes  largest client frame accepted
 * @param outboundBuffer frames queued for one socket before it is closed as too slow
 * @param idleTimeout    a socket silent for longer is closed (clients send {@code ping})
 * @param maxSocketsPerUser authenticated sockets one user may hold on one gateway instance; one more is closed
 *                       1008 "Too many connections"
 * @param framesPerSecond client frames allowed per second per socket (bursts up to twice that)
 * @param typingTimeout  how long a typing start over a socket holds without renewal
 * @param adminUserIds   users who may publish system broadcasts
 * @param shutdownGrace  how long a SIGTERM waits for sockets to close (keep below the pod's grace period)
 * @param instanceId     this instance's name in presence events (default: random per process)
 * @param heartbeatInterval how often this instance announces it is alive (presence expiry is ~3.5 of these)
 * @param firstFrameWait how long, after its authentication, a socket's events wait for its next frame (which may
 *                       be {@code resume}, whose replay must come first); ended early by that frame
 * @param presenceRoomLimit rooms of more members carry no {@code user_status_change} frames (ADR 0012): a status
 *                       change reaches those who share a room of at most this many members with the user
 */
@ConfigurationProperties("parley.gateway")
public record GatewayProperties(List<String> allowedOrigins, Duration authTimeout, Integer maxFrameBytes,
        Integer outboundBuffer, Duration idleTimeout, Integer framesPerSecond, Duration typingTimeout,
        List<String> adminUserIds, Duration shutdownGrace, String instanceId, Duration heartbeatInterval,
        Duration firstFrameWait, Integer presenceRoomLimit, Integer maxSocketsPerUser) {

    public GatewayProperties {
        allowedOrigins = allowedOrigins == null ? List.of("http://localhost:*") : List.copyOf(allowedOrigins);
        authTimeout = authTimeout == null ? Duration.ofSeconds(10) : authTimeout;
        maxFrameBytes = maxFrameBytes == null ? 65536 : maxFrameBytes;
        outboundBuffer = outboundBuffer == null ? 1024 : outboundBuffer;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(90) : idleTimeout;
        framesPerSecond = framesPerSecond == null ? 20 : framesPerSecond;
        typingTimeout = typingTimeout == null ? Duration.ofSeconds(5) : typingTimeout;
        adminUserIds = adminUserIds == null ? List.of() : List.copyOf(adminUserIds);
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(20) : shutdownGrace;
        instanceId = instanceId == null || instanceId.isBlank() ? "gateway-" + UUID.randomUUID() : instanceId;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(10) : heartbeatInterval;
        firstFrameWait = firstFrameWait == null ? Duration.ofSeconds(1) : firstFrameWait;
        presenceRoomLimit = presenceRoomLimit == null ? 50 : presenceRoomLimit;
        maxSocketsPerUser = maxSocketsPerUser == null ? 20 : maxSocketsPerUser;
    }
}
