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

    @Bean
    ApiErrorWebExceptionHandler apiErrorWebExceptionHandler(ErrorResponseWriter writer) {
        return new ApiErrorWebExceptionHandler(writer);
    }
}
