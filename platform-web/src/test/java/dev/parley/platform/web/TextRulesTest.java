package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.events.ParleyJson;

class TextRulesTest {

    @Test
    void requestTextMayHoldTabsAndLineBreaksButNoOtherControlCharacter() {
        assertThat(TextRules.hasForbiddenCharacter("a\tb\nc\r\nd é 李 👍")).isFalse();
        for (String bad : List.of("\u0000", "a\u0007", "\u001b[31m", "\u007f", "\u0085", "\ud800")) {
            assertThat(TextRules.hasForbiddenCharacter(bad)).as(bad).isTrue();
        }
    }

    @Test
    void aNameIsMadeOfWhatNamesAreMadeOf() {
        assertThat(TextRules.isName("Zoë O'Brien-Łukasz 李 🎉")).isTrue();
        for (String bad : List.of("a\u202Eb", "ad\u200Bmin", "two\nlines", "tab\there", "\ue000", "a\u2028b")) {
            assertThat(TextRules.isName(bad)).as(bad).isFalse();
        }
    }

    record Body(String name, List<Item> items) {
    }

    record Item(String label) {
    }

    @Test
    void theRequestMapperRefusesAControlCharacterAndTheErrorNamesItsField() {
        JsonMapper requests = new RequestText(ParleyJson.mapper()).mapper();
        Throwable e = catchThrowable(() -> requests.readValue("{\"name\":\"ok\",\"items\":[{\"label\":\"x\\u0000\"}]}",
                Body.class));
        assertThat(ApiErrorWebExceptionHandler.forbiddenTextField(e)).isEqualTo("items[0].label");
        assertThat(requests.readValue("{\"name\":\"a\\tb\",\"items\":[]}", Body.class).name()).isEqualTo("a\tb");
        // the same for untyped bodies (maps)
        Throwable m = catchThrowable(() -> requests.readValue("{\"k\":\"\\u0007\"}", java.util.Map.class));
        assertThat(ApiErrorWebExceptionHandler.forbiddenTextField(m)).isNotNull();
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
        return org.assertj.core.api.Assertions.catchThrowable(c);
    }
}
