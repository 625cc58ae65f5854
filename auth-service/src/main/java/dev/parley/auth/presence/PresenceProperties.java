package dev.parley.auth.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param expiry        a gateway instance silent for longer is taken for dead and its users' presence expires
 * @param sweepInterval how often to look for silent instances
 */
@ConfigurationProperties("parley.auth.presence")
record PresenceProperties(Duration expiry, Duration sweepInterval) {

    public PresenceProperties {
        expiry = expiry == null ? Duration.ofSeconds(35) : expiry;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(10) : sweepInterval;
    }
}
