package dev.parley.platform.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Kafka reachability, for the readiness group only: a pod that cannot reach the broker should get no traffic,
 * but must not be restarted for it (liveness does not include it).
 */
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private final Admin admin;

    public KafkaHealthIndicator(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        this.admin = Admin.create(config);
    }

    @Override
    public Health health() {
        try {
            String cluster = admin.describeCluster().clusterId().get(3, TimeUnit.SECONDS);
            return Health.up().withDetail("cluster_id", cluster).build();
        } catch (Exception e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
