package dev.parley.gateway.stream;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.GatewayHeartbeatData;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.publish.GatewayEvents;
import dev.parley.gateway.ws.ConnectionRegistry;
import dev.parley.platform.lifecycle.PeriodicTask;

/** Announces that this instance is alive, so that if it crashes, the presence it reported expires. */
@Component
class Heartbeat extends PeriodicTask {

    private final GatewayEvents events;
    private final ConnectionRegistry sockets;
    private final GatewayProperties props;
    private final Clock clock;

    public Heartbeat(GatewayEvents events, ConnectionRegistry sockets, GatewayProperties props, Clock clock) {
        super("gateway heartbeat", Duration.ZERO, props.heartbeatInterval());
        this.events = events;
        this.sockets = sockets;
        this.props = props;
        this.clock = clock;
    }

    @Override
    protected Mono<?> runOnce() {
        return events.publish(EventTypes.SYSTEM_GATEWAY_HEARTBEAT, null, null, null,
                new GatewayHeartbeatData(props.instanceId(), Times.now(clock), sockets.connectionCount()));
    }
}
