package dev.parley.gateway.stream;

import java.time.Clock;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.events.data.GatewayHeartbeatData;
import dev.parley.gateway.GatewayProperties;
import dev.parley.gateway.ws.ConnectionRegistry;

/** Announces that this instance is alive, so that if it crashes, the presence it reported expires. */
@Component
public class Heartbeat implements SmartLifecycle {

    private final GatewayEvents events;
    private final ConnectionRegistry sockets;
    private final GatewayProperties props;
    private final Clock clock;
    private Disposable task;

    public Heartbeat(GatewayEvents events, ConnectionRegistry sockets, GatewayProperties props, Clock clock) {
        this.events = events;
        this.sockets = sockets;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public void start() {
        task = Flux.interval(java.time.Duration.ZERO, props.heartbeatInterval())
                .concatMap(t -> events.publish(EventTypes.SYSTEM_GATEWAY_HEARTBEAT, null, null, null,
                        new GatewayHeartbeatData(props.instanceId(), Times.now(clock), sockets.connectionCount()))
                        .onErrorResume(e -> reactor.core.publisher.Mono.empty()))
                .subscribe();
    }

    @Override
    public void stop() {
        if (task != null) {
            task.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return task != null && !task.isDisposed();
    }
}
