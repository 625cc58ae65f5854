package dev.parley.platform.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI description a service serves at {@code /v3/api-docs} (where springdoc is on its classpath), with
 * the wire's snake_case names and the guide's envelope described.
 */
@AutoConfiguration
@ConditionalOnClass(name = "io.swagger.v3.core.jackson.ModelResolver")
public class ParleyOpenApiAutoConfiguration {

    /** swagger-core reads models with its own (Jackson 2) mapper: give it the wire's naming. */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI parleyServiceApi(@Value("${spring.application.name:parley}") String name) {
        return new OpenAPI()
                .info(new Info().title("Parley " + name).version("v1")
                        .description("Responses use the envelope of the frontend integration guide: {success, "
                                + "message, data, pagination} or {success: false, message, error: {code, "
                                + "details[{field, message}]}}."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
    }
}
