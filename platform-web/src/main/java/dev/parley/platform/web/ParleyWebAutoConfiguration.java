package dev.parley.platform.web;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
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
    org.springframework.web.reactive.config.WebFluxConfigurer parleyRequestText(JsonMapper mapper) {
        return new RequestText(mapper);
    }

    /** Query parameters and paths refuse control characters (issue #14). */
    @Bean
    org.springframework.web.server.WebFilter parleyRequestTextFilter(ErrorResponseWriter writer) {
        return new RequestTextFilter(writer);
    }

    @Bean
    ApiErrorWebExceptionHandler apiErrorWebExceptionHandler(ErrorResponseWriter writer) {
        return new ApiErrorWebExceptionHandler(writer);
    }
}
