package dev.parley.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The browser origins the gateway serves, one allow-list ({@code parley.gateway.allowed-origins}) for both
 * doors: the {@code /ws} handshake's {@code Origin} check and CORS on {@code /api/v1/**}, both matched exactly
 * ({@link ExactOrigins}: scheme, host and port). Credentials are
 * allowed on the API (the refresh-token cookie of {@code /api/v1/auth}); a preflight is cached for an hour.
 */
public final class BrowserOrigins {

    static final Duration PREFLIGHT_CACHE = Duration.ofHours(1);

    private BrowserOrigins() {
    }

    /** The handshake rule of {@code /ws}: a browser's upgrade request must come from an allowed origin. */
    public static CorsConfiguration webSocket(GatewayProperties props) {
        CorsConfiguration cors = ExactOrigins.of(props.allowedOrigins()).cors();
        cors.setAllowedMethods(List.of("GET"));
        return cors;
    }

    /** CORS for the REST API under {@code /api/v1/**}. */
    static CorsConfigurationSource api(GatewayProperties props) {
        CorsConfiguration cors = ExactOrigins.of(props.allowedOrigins()).cors();
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of("Retry-After", "Location", "Content-Disposition"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(PREFLIGHT_CACHE);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/**", cors);
        return source;
    }
}
