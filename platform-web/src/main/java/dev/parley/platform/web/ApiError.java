package dev.parley.platform.web;

import java.util.List;

/**
 * The guide's error envelope: {@code {success: false, message, error: {code, details: [{field, message}]}}}.
 */
public record ApiError(boolean success, String message, Body error) {

    public static ApiError of(String code, String message, List<FieldError> details) {
        return new ApiError(false, message, new Body(code, details == null ? List.of() : details));
    }

    public record Body(String code, List<FieldError> details) {
    }

    public record FieldError(String field, String message) {
    }
}
