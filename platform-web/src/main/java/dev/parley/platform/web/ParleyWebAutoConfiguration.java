package dev.parley.platform.web;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.WebFilter;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.ParleyJson;

/** The guide's JSON conventions and error envelope for every Parley web service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ParleyWebAutoConfiguration {

    /** The guide's JSON conventions (snake_case, ISO-8601 UTC) for every mapper Spring builds. */
    @AutoConfiguration
    public static class Json {
        @Bean
        JsonMapperBuilderCustomizer parleyJsonConventions() {
            return ParleyJson::configure;
        }

        /** UTC wall clock; tests replace it to control time. */
        @Bean
        @ConditionalOnMissingBean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Bean
    ErrorResponseWriter errorResponseWriter(JsonMapper mapper) {
        return new ErrorResponseWriter(mapper);
    }

    /** Request bodies refuse control characters in every string (issue #14). */
    @Bean
    WebFluxConfigurer parleyRequestText(JsonMapper mapper) {
        return new RequestText(mapper);
    }

    /** Query parameters and paths refuse control characters (issue #14). */
    @Bean
    WebFilter parleyRequestTextFilter(ErrorResponseWriter writer) {
        return new RequestTextFilter(writer);
    }

    /** How slowly a client may send a request (issue #14), on every service and the gateway. */
    @Bean
    NettyServerCustomizer parleySlowClients(@Value("${parley.http.head-timeout:20s}") Duration headTimeout,
            @Value("${parley.http.read-timeout:30s}") Duration readTimeout,
            @Value("${parley.http.request-timeout:2m}") Duration requestTimeout,
            @Value("${parley.http.idle-timeout:60s}") Duration idleTimeout) {
        return new SlowClients(headTimeout, readTimeout, requestTimeout, idleTimeout).customizer();
    }

    @Bean
    ApiErrorWebExceptionHandler apiErrorWebExceptionHandler(ErrorResponseWriter writer) {
        return new ApiErrorWebExceptionHandler(writer);
    }
}
