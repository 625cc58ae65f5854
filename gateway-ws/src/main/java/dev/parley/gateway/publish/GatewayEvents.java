package dev.parley.gateway.publish;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventCatalog;
import dev.parley.events.EventEnvelope;
import dev.parley.events.Times;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.EventSender;
import dev.parley.platform.observability.RecordTracing;

/**
 * What the gateway itself publishes: typing sent over sockets, presence, and system broadcasts. None of these
 * change a database, so there is no outbox to write to: they go straight to Kafka through the platform's
 * {@link EventSender}, on a producer of the platform's settings with {@code linger.ms=0} for latency.
 */
@Component
public class GatewayEvents implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GatewayEvents.class);
    public static final String PRODUCER = "gateway-ws";

    private final Producer<String, String> producer;
    private final EventSender sender;
    private final JsonMapper mapper;
    private final Clock clock;

    public GatewayEvents(KafkaProperties kafka, JsonMapper mapper, RecordTracing tracing, Clock clock) {
        this.producer = EventRecords.producer(kafka.buildProducerProperties(), PRODUCER + "-" + UUID.randomUUID(), 0);
        this.sender = new EventSender(producer, mapper, tracing);
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Publishes an event and completes when the broker has it. */
    public Mono<EventEnvelope> publish(String type, UUID actor, UUID room, UUID user, Record data) {
        EventCatalog.requireData(type, data);
        EventEnvelope e = EventEnvelope.create(type, PRODUCER, actor, room, user, mapper.valueToTree(data),
                Times.now(clock));
        return sender.send(e).doOnError(ex -> log.warn("could not publish {}: {}", type, ex.toString()));
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
