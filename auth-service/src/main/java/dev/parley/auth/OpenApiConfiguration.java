package dev.parley.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs}, with the wire's snake_case names. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** swagger-core reads models with its own (Jackson 2) mapper: give it the wire's naming. */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI authServiceApi() {
        return new OpenAPI()
                .info(new Info().title("Parley auth-service").version("v1")
                        .description("Identity, tokens and profiles. Responses use the envelope of the frontend "
                                + "integration guide: {success, message, data, pagination} or {success: false, "
                                + "message, error: {code, details[{field, message}]}}."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
    }
}
