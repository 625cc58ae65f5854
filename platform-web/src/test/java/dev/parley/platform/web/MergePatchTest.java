package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MergePatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final MergePatch PATCH = MergePatch.of("Cannot be changed")
            .field("name", MergePatch.name(10, "Name must be 1 to 10 characters"))
            .field("about", MergePatch.text(5, "About must be at most 5 characters"))
            .field("avatar", MergePatch.url("Avatar must be an http(s) URL"))
            .field("open", MergePatch.bool("Open must be true or false"))
            .field("size", MergePatch.integer(2, 9, "Size must be between 2 and 9"));

    @Test
    void whatPassesComesBackInTheBodysOrderTrimmedAndNullClears() {
        Map<String, Object> values = PATCH.validate(json("""
                {"size": 3, "name": "  Lobby ", "about": null, "avatar": "https://x.test/a.png", "open": false}"""));

        assertThat(values.keySet()).containsExactly("size", "name", "about", "avatar", "open");
        assertThat(values).containsEntry("size", 3).containsEntry("name", "Lobby").containsEntry("about", null)
                .containsEntry("avatar", "https://x.test/a.png").containsEntry("open", false);
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        assertThatThrownBy(() -> PATCH.validate(json("""
                {"name": "", "about": "too long", "avatar": "ftp://x", "open": "yes", "size": 10, "id": 1,
                 "other": "\\u0007"}""")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .extracting(ApiError.FieldError::field, ApiError.FieldError::message)
                        .containsExactly(
                                tuple("name", "Name must be 1 to 10 characters"),
                                tuple("about", "About must be at most 5 characters"),
                                tuple("avatar", "Avatar must be an http(s) URL"),
                                tuple("open", "Open must be true or false"),
                                tuple("size", "Size must be between 2 and 9"),
                                tuple("id", "Cannot be changed"),
                                tuple("other", "Cannot be changed")));
    }

    @Test
    void namesAndTextsRefuseControlCharactersAndABodyMustBeAnObject() {
        assertThatThrownBy(() -> PATCH.validate(json("{\"name\": \"a\\u0000b\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details().get(0).message())
                        .isEqualTo(TextRules.FORBIDDEN));
        assertThatThrownBy(() -> PATCH.validate(json("[1]")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details().get(0).field())
                        .isEqualTo("body"));
    }

    private static JsonNode json(String s) {
        return JSON.readTree(s);
    }
}
