package dev.parley.platform.outbox;


import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.consumer.EventInbox;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.observability.RecordTracing;

/** The outbox, its relay and idempotent consumption for a Parley service. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration"})
@EnableConfigurationProperties({OutboxProperties.class, R2dbcProperties.class})
public class OutboxAutoConfiguration {

    @Bean
    Outbox outbox(DatabaseClient db, JsonMapper mapper, OutboxProperties props) {
        return new Outbox(db, mapper, props.producer());
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager tm) {
        return TransactionalOperator.create(tm);
    }

    @Bean
    EventInbox eventInbox(DatabaseClient db, TransactionalOperator tx) {
        return new EventInbox(db, tx);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "parley.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    Producer<String, String> outboxProducer(KafkaProperties kafka, OutboxProperties props) {
        return EventRecords.producer(kafka.buildProducerProperties(), props.producer() + "-outbox", props.lingerMs());
    }

    @Bean
    @ConditionalOnProperty(name = "parley.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(R2dbcProperties r2dbc, Producer<String, String> outboxProducer, OutboxProperties props,
            RecordTracing tracing, MeterRegistry meters) {
        return new OutboxRelay(relayConnectionFactory(r2dbc), outboxProducer, props, tracing, meters);
    }

    /** {@code parley.outbox.backlog} and {@code parley.outbox.oldest.age}: what waits to be published, and since when. */
    @Bean
    OutboxMeters outboxMeters(DatabaseClient db, MeterRegistry meters) {
        return new OutboxMeters(db, meters);
    }

    /** The relay's own, unpooled connection: it holds LISTEN and the relay lock for as long as it lives. */
    static ConnectionFactory relayConnectionFactory(R2dbcProperties r2dbc) {
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(r2dbc.getUrl()).mutate();
        if (r2dbc.getUsername() != null) {
            options.option(ConnectionFactoryOptions.USER, r2dbc.getUsername());
        }
        if (r2dbc.getPassword() != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, r2dbc.getPassword());
        }
        return ConnectionFactories.get(options.build());
    }
}
