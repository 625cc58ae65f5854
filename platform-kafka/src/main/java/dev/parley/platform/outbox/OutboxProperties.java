package dev.parley.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbox relay settings.
 *
 * @param producer       the {@code producer} written into every envelope (the service name)
 * @param relayEnabled   whether this instance runs a relay (several may; one works at a time)
 * @param pollInterval   how often the relay looks without being woken by NOTIFY
 * @param batchSize      rows published per round
 * @param lingerMs       Kafka producer {@code linger.ms}; low, as latency matters more than batching here
 * @param retention      how long published rows are kept before they are deleted
 * @param listen         whether LISTEN/NOTIFY wakes the relay (off: it only polls)
 */
@ConfigurationProperties("parley.outbox")
public record OutboxProperties(String producer, Boolean relayEnabled, Duration pollInterval, Integer batchSize,
        Integer lingerMs, Duration retention, Boolean listen) {

    public OutboxProperties {
        producer = producer == null ? "unknown" : producer;
        relayEnabled = relayEnabled == null || relayEnabled;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        batchSize = batchSize == null ? 200 : batchSize;
        lingerMs = lingerMs == null ? 0 : lingerMs;
        retention = retention == null ? Duration.ofDays(1) : retention;
        listen = listen == null || listen;
    }
}
