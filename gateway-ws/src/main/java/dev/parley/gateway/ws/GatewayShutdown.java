package dev.parley.gateway.ws;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.parley.events.EventTypes;
import dev.parley.events.Times;
import dev.parley.gateway.GatewayProperties;

/**
 * Graceful shutdown (SIGTERM): stop accepting sockets, tell every client with a {@code notification} of type
 * {@code shutdown}, close each socket with 1001 "going away" (clients reconnect to another instance), and wait at
 * most the grace period for them to go. Runs before the web server and the Kafka streams stop.
 */
@Component
class GatewayShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayShutdown.class);
    static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY.withReason("Server shutting down");

    private final ConnectionRegistry registry;
    private final JsonMapper mapper;
    private final GatewayProperties props;
    private final Clock clock;
    private volatile boolean running;
    private volatile boolean shuttingDown;

    public GatewayShutdown(ConnectionRegistry registry, JsonMapper mapper, GatewayProperties props, Clock clock) {
        this.registry = registry;
        this.mapper = mapper;
        this.props = props;
        this.clock = clock;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    @Override
    public void start() {
        running = true;
        shuttingDown = false;
    }

    @Override
    public void stop() {
        shuttingDown = true;
        running = false;
        int sockets = registry.connectionCount();
        log.info("shutting down: telling {} sockets to reconnect elsewhere", sockets);
        ObjectNode n = mapper.createObjectNode().put("type", "notification")
                .put("event_type", EventTypes.SYSTEM_SHUTDOWN).put("event_id", UUID.randomUUID().toString())
                .put("notification_type", "shutdown").put("title", "Server restarting")
                .put("message", "This server is going away. Reconnecting…");
        n.putObject("data");
        n.put("priority", "high").put("timestamp", Times.now(clock).toString());
        registry.deliverToAll(n.toString());
        registry.closeAll(GOING_AWAY);
        long deadline = System.nanoTime() + props.shutdownGrace().toNanos();
        while (registry.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(Duration.ofMillis(50).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before everything else: the web server, the streams and the producers still work while sockets drain. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
