package dev.parley.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowedOrigins origin patterns allowed to open {@code /ws} from a browser
 * @param authTimeout    how long an unauthenticated socket may stay open
 * @param maxFrameBytes  largest client frame accepted
 * @param outboundBuffer frames queued for one socket before it is closed as too slow
 */
@ConfigurationProperties("parley.gateway")
public record GatewayProperties(List<String> allowedOrigins, Duration authTimeout, Integer maxFrameBytes,
        Integer outboundBuffer) {

    public GatewayProperties {
        allowedOrigins = allowedOrigins == null ? List.of("http://localhost:*") : List.copyOf(allowedOrigins);
        authTimeout = authTimeout == null ? Duration.ofSeconds(10) : authTimeout;
        maxFrameBytes = maxFrameBytes == null ? 65536 : maxFrameBytes;
        outboundBuffer = outboundBuffer == null ? 1024 : outboundBuffer;
    }
}
