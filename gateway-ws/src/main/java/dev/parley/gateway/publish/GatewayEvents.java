package dev.parley.gateway.publish;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.EventCatalog;
import dev.parley.events.EventEnvelope;
import dev.parley.events.EventHeaders;
import dev.parley.events.Times;

/**
 * What the gateway itself publishes: typing sent over sockets, presence, and system broadcasts. None of these
 * change a database, so there is no outbox to write to: they go straight to Kafka (idempotent, acks=all,
 * linger.ms=0 for latency).
 */
@Component
public class GatewayEvents implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GatewayEvents.class);
    public static final String PRODUCER = "gateway-ws";

    private final Producer<String, String> producer;
    private final JsonMapper mapper;
    private final Clock clock;

    public GatewayEvents(KafkaProperties kafka, JsonMapper mapper, Clock clock) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "gateway-ws-" + UUID.randomUUID());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(config);
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Publishes an event and completes when the broker has it. */
    public Mono<EventEnvelope> publish(String type, UUID actor, UUID room, UUID user, Record data) {
        EventCatalog.requireData(type, data);
        EventEnvelope e = EventEnvelope.create(type, PRODUCER, actor, room, user, mapper.valueToTree(data),
                Times.now(clock));
        ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.key(), mapper.writeValueAsString(e));
        EventHeaders.write(e, null, (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return Mono.<EventEnvelope>create(sink -> producer.send(record, (meta, ex) -> {
            if (ex != null) {
                log.warn("could not publish {}: {}", type, ex.toString());
                sink.error(ex);
            } else {
                sink.success(e);
            }
        }));
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
