package dev.parley.message.message;

import java.util.ArrayList;
import java.util.List;

import dev.parley.platform.web.ApiError;

/** Content rules of a message, as pure functions (unit-tested). */
public final class MessageRules {

    public static final int MAX_CONTENT_LENGTH = 4000;

    private MessageRules() {
    }

    /** Problems with the content of a message of this type with this many attachments; empty when fine. */
    public static List<ApiError.FieldError> contentProblems(String content, String type, int attachments) {
        List<ApiError.FieldError> problems = new ArrayList<>();
        boolean blank = content == null || content.isBlank();
        if (blank && ("text".equals(type) || attachments == 0)) {
            problems.add(new ApiError.FieldError("content", "Content is required"));
        }
        if (content != null && hasForbiddenControlCharacter(content)) {
            problems.add(new ApiError.FieldError("content", "Content must not contain control characters"));
        }
        return problems;
    }

    /** Control characters other than tab, line feed and carriage return. */
    static boolean hasForbiddenControlCharacter(String s) {
        return s.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL
                && cp != '\t' && cp != '\n' && cp != '\r');
    }
}
