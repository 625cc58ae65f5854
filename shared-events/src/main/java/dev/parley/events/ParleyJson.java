package dev.parley.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration every Parley service and consumer uses: snake_case names, ISO-8601 UTC
 * timestamps as strings, and a tolerant reader (unknown fields are ignored so that producers can add
 * fields without breaking consumers).
 */
public final class ParleyJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private ParleyJson() {
    }

    /** A shared, thread-safe mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Applies Parley's settings to a builder (used by Spring to configure its own mapper the same way). */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
