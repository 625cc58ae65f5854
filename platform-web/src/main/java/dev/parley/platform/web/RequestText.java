package dev.parley.platform.web;

import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Request bodies are decoded by a mapper whose strings are checked as they are read ({@link TextRules}): a
 * control character in any string field of any JSON body (records, lists, maps) is a 400 {@code VALIDATION_ERROR}
 * naming the field (ApiErrorWebExceptionHandler), before anything reaches a service or PostgreSQL. Only requests:
 * events and responses keep the mapper Spring builds.
 */
final class RequestText implements WebFluxConfigurer {

    private final JsonMapper requests;

    RequestText(JsonMapper mapper) {
        this.requests = mapper.rebuild().addModule(new SimpleModule("parley-request-text")
                .addDeserializer(String.class, new Checked())).build();
    }

    /** The mapper request bodies are decoded with. */
    JsonMapper mapper() {
        return requests;
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(requests));
    }

    /** Jackson's string deserializer, refusing what {@link TextRules#hasForbiddenCharacter} refuses. */
    static final class Checked extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null && TextRules.hasForbiddenCharacter(value)) {
                throw ctxt.weirdStringException(value, String.class, TextRules.FORBIDDEN);
            }
            return value;
        }
    }
}
