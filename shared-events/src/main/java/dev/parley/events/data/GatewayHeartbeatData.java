package dev.parley.events.data;

import java.time.Instant;

/**
 * {@code data} of {@code event.system.gateway.heartbeat} (an addition): gateway instance {@code instance_id} is
 * alive at {@code at} and holds {@code sockets} sockets. When an instance's heartbeats stop (a crash), the
 * presence it reported expires.
 */
public record GatewayHeartbeatData(String instanceId, Instant at, int sockets) {
}
