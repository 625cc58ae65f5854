package dev.parley.platform.database;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** For the services with a PostgreSQL database: a request whose connection was lost is run once more. */
@AutoConfiguration
@ConditionalOnClass(name = {"io.r2dbc.spi.ConnectionFactory", "org.springframework.dao.DataAccessException"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ParleyDatabaseAutoConfiguration {

    @Bean
    RetryOnConnectionLoss retryOnConnectionLoss(MeterRegistry meters) {
        return new RetryOnConnectionLoss(meters);
    }
}
