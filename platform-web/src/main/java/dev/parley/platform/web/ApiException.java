package dev.parley.platform.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** A failure with its HTTP status and guide error code; rendered as {@link ApiError} by the handler. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient List<ApiError.FieldError> details;
    private final transient Map<String, String> headers;

    public ApiException(HttpStatus status, String code, String message, List<ApiError.FieldError> details) {
        this(status, code, message, details, Map.of());
    }

    public ApiException(HttpStatus status, String code, String message, List<ApiError.FieldError> details,
            Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED, message, List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    /** 503 with {@code Retry-After} in whole seconds (at least 1): a dependency did not answer in time. */
    public static ApiException unavailable(String message, long retryAfterSeconds) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE, message, List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
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

    /** Response headers that go with the error (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return headers;
    }

    public ApiError toBody() {
        return ApiError.of(code, getMessage(), details);
    }
}
