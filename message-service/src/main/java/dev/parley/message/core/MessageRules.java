package dev.parley.message.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern MENTION =
            Pattern.compile("(?<![\\w@])@([A-Za-z0-9_]{3,32})\\b");

    /** The usernames a text {@code @mentions}, lower-cased, each once. */
    public static Set<String> mentions(String content) {
        Set<String> names = new LinkedHashSet<>();
        if (content == null) {
            return names;
        }
        Matcher m = MENTION.matcher(content);
        while (m.find()) {
            names.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * An emoji for a reaction: exactly one emoji of Unicode's emoji list (a ZWJ sequence, a flag, a keycap, a skin
     * tone are one), as JEmoji knows them; not text, not two emoji.
     */
    public static boolean isValidEmoji(String emoji) {
        if (emoji == null || emoji.isEmpty() || emoji.codePointCount(0, emoji.length()) > 16) {
            return false;
        }
        return net.fellbaum.jemoji.EmojiManager.isEmoji(emoji);
    }

    /** A short excerpt of a message for notifications. */
    public static String excerpt(String content) {
        if (content == null) {
            return "";
        }
        return content.length() <= 100 ? content : content.substring(0, 99) + "…";
    }

    /** Control characters other than tab, line feed and carriage return. */
    static boolean hasForbiddenControlCharacter(String s) {
        return s.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL
                && cp != '\t' && cp != '\n' && cp != '\r');
    }
}
