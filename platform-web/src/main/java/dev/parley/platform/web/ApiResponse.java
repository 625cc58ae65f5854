package dev.parley.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The guide's success envelope: {@code {success, message, data, pagination}}. {@code pagination} is
 * present on list responses only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, String message, T data, Pagination pagination) {

    public static <T> ApiResponse<T> ok(String message, T data) {
        return new ApiResponse<>(true, message, data, null);
    }

    public static <T> ApiResponse<T> page(String message, T data, Pagination pagination) {
        return new ApiResponse<>(true, message, data, pagination);
    }
}
