package dev.parley.message.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.parley.platform.web.ApiError;

class MessageRulesTest {

    @Test
    void textNeedsContent() {
        assertThat(MessageRules.contentProblems("  ", "text", 0)).extracting(ApiError.FieldError::field)
                .containsExactly("content");
        assertThat(MessageRules.contentProblems(null, "text", 1)).isNotEmpty();
        assertThat(MessageRules.contentProblems("hi", "text", 0)).isEmpty();
    }

    @Test
    void aFileMayComeWithoutText() {
        assertThat(MessageRules.contentProblems("", "file", 1)).isEmpty();
        assertThat(MessageRules.contentProblems("", "file", 0)).isNotEmpty();
    }

    @Test
    void controlCharactersOtherThanWhitespaceAreRefused() {
        assertThat(MessageRules.contentProblems("line\nnext\ttab\r", "text", 0)).isEmpty();
        assertThat(MessageRules.contentProblems("bell\u0007", "text", 0)).extracting(ApiError.FieldError::message)
                .containsExactly("Content must not contain control characters");
        assertThat(MessageRules.contentProblems("<script>alert(1)</script> 👍", "text", 0))
                .as("markup is stored as sent; it is the client's job never to render it as HTML").isEmpty();
    }
}
