package dev.parley.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A failure with its HTTP status and guide error code; rendered as {@link ApiError} by the handler. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient List<ApiError.FieldError> details;

    public ApiException(HttpStatus status, String code, String message, List<ApiError.FieldError> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public static ApiException validation(List<ApiError.FieldError> details) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_ERROR, "Validation failed", details);
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new ApiError.FieldError(field, message)));
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, message, List.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, message, List.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, message, List.of());
    }

    public static ApiException conflict(String message, List<ApiError.FieldError> details) {
        return new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, message, details);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ApiError.FieldError> details() {
        return details;
    }

    public ApiError toBody() {
        return ApiError.of(code, getMessage(), details);
    }
}
