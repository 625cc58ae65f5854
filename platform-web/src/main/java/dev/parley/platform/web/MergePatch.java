package dev.parley.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The fields a {@code PATCH} body may change (a JSON merge patch, RFC 7396: an object of the fields to change,
 * {@code null} to clear one), each with its rule. {@link #validate} checks a body and reports every problem at
 * once, as one validation error with a detail per field; what passes comes back as the values to apply, in the
 * body's order.
 */
public final class MergePatch {

    /** An http(s) URL of at most 2048 characters. */
    public static final Pattern URL = Pattern.compile("^https?://\\S{1,2040}$");

    private static final String NAME = "Must be a name: letters, digits, punctuation, symbols and spaces";

    /** Checks one field: puts its value into {@code values}, or returns the problem. */
    @FunctionalInterface
    public interface Rule {
        /** @return the problem's message, or null when the value was accepted (and put into {@code values}) */
        String check(String field, JsonNode value, Map<String, Object> values);
    }

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final String notChangeable;

    private MergePatch(String notChangeable) {
        this.notChangeable = notChangeable;
    }

    /** A patch of no field yet; a field without a rule gets {@code notChangeable} as its problem. */
    public static MergePatch of(String notChangeable) {
        return new MergePatch(notChangeable);
    }

    public MergePatch field(String name, Rule rule) {
        rules.put(name, rule);
        return this;
    }

    /** The values to apply, or a validation error naming every field that is wrong. */
    public Map<String, Object> validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation("body", "Request body must be a JSON object");
        }
        List<ApiError.FieldError> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        body.propertyNames().forEach(field -> {
            Rule rule = rules.get(field);
            String problem = rule == null ? notChangeable : rule.check(field, body.get(field), values);
            if (problem != null) {
                problems.add(new ApiError.FieldError(field, problem));
            }
        });
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return values;
    }

    /** A name ({@link TextRules#isName}), required, trimmed, of 1 to {@code max} characters. */
    public static Rule name(int max, String lengthMessage) {
        return (field, v, values) -> {
            if (!v.isString() || v.asString().isBlank() || v.asString().trim().length() > max) {
                return lengthMessage;
            }
            if (TextRules.hasForbiddenCharacter(v.asString())) {
                return TextRules.FORBIDDEN;
            }
            if (!TextRules.isName(v.asString())) {
                return NAME;
            }
            values.put(field, v.asString().trim());
            return null;
        };
    }

    /** A text of at most {@code max} characters, or null. */
    public static Rule text(int max, String message) {
        return (field, v, values) -> {
            if (!v.isNull() && (!v.isString() || v.asString().length() > max)) {
                return message;
            }
            if (v.isString() && TextRules.hasForbiddenCharacter(v.asString())) {
                return TextRules.FORBIDDEN;
            }
            values.put(field, v.isNull() ? null : v.asString());
            return null;
        };
    }

    /** An http(s) {@link #URL}, or null. */
    public static Rule url(String message) {
        return (field, v, values) -> {
            if (v.isString() && TextRules.hasForbiddenCharacter(v.asString())) {
                return TextRules.FORBIDDEN;
            }
            if (!v.isNull() && (!v.isString() || !URL.matcher(v.asString()).matches())) {
                return message;
            }
            values.put(field, v.isNull() ? null : v.asString());
            return null;
        };
    }

    /** true or false. */
    public static Rule bool(String message) {
        return (field, v, values) -> {
            if (!v.isBoolean()) {
                return message;
            }
            values.put(field, v.asBoolean());
            return null;
        };
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Rule integer(int min, int max, String message) {
        return (field, v, values) -> {
            if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
                return message;
            }
            values.put(field, v.asInt());
            return null;
        };
    }
}
