package dev.parley.platform.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

import dev.parley.platform.database.DatabaseFaults;

/**
 * Renders every failure of a request as the guide's error envelope, with the right 4xx or 5xx. Runs
 * before Spring Boot's default handler, so that no response leaves without the envelope.
 */
public class ApiErrorWebExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorWebExceptionHandler.class);

    private final ErrorResponseWriter writer;

    public ApiErrorWebExceptionHandler(ErrorResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        Mapped mapped = map(ex);
        if (ex instanceof ApiException api) {
            api.headers().forEach((k, v) -> exchange.getResponse().getHeaders().set(k, v));
        }
        boolean retryLater = mapped.status().value() == 503 || mapped.status().value() == 504;
        if (retryLater && !exchange.getResponse().getHeaders().containsHeader("Retry-After")) {
            exchange.getResponse().getHeaders().set("Retry-After", "1"); // an infrastructure fault: retry soon
        }
        if (retryLater) {
            // an expected answer under overload or while a dependency is away: one line, not a stack per request
            log.warn("{} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    mapped.status().value(), ex.toString());
        } else if (mapped.status().is5xxServerError()) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        }
        return writer.write(exchange.getResponse(), mapped.status(), mapped.body());
    }

    static Mapped map(Throwable ex) {
        if (ex instanceof ApiException api) {
            return new Mapped(api.status(), api.toBody());
        }
        if (ex instanceof WebExchangeBindException bind) {
            List<ApiError.FieldError> details = new ArrayList<>();
            for (FieldError fe : bind.getFieldErrors()) {
                details.add(new ApiError.FieldError(snake(fe.getField()), fe.getDefaultMessage()));
            }
            bind.getGlobalErrors().forEach(ge -> details.add(new ApiError.FieldError(ge.getObjectName(),
                    ge.getDefaultMessage())));
            return new Mapped(HttpStatus.BAD_REQUEST,
                    ApiError.of(ErrorCodes.VALIDATION_ERROR, "Validation failed", details));
        }
        if (ex instanceof MissingRequestValueException missing) {
            return validation(missing.getName(), "Is required");
        }
        if (ex instanceof ServerWebInputException input) {
            String forbidden = forbiddenTextField(input);
            if (forbidden != null) {
                return validation(forbidden, TextRules.FORBIDDEN);
            }
            if (input.getCause() instanceof TypeMismatchException tm && tm.getPropertyName() != null) {
                return validation(snake(tm.getPropertyName()), "Has an invalid value");
            }
            if (input.getMethodParameter() != null && input.getMethodParameter().getParameterName() != null
                    && !(input.getCause() instanceof DecodingException)) {
                return validation(snake(input.getMethodParameter().getParameterName()), "Has an invalid value");
            }
            return validation("body", "Request body is missing or is not valid JSON of the expected shape");
        }
        if (ex instanceof MethodNotAllowedException) {
            return new Mapped(HttpStatus.METHOD_NOT_ALLOWED,
                    ApiError.of(ErrorCodes.METHOD_NOT_ALLOWED, "Method not allowed", List.of()));
        }
        if (ex instanceof UnsupportedMediaTypeStatusException) {
            return new Mapped(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ApiError.of(ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Content type not supported", List.of()));
        }
        if (DATABASE_ON_CLASSPATH && DatabaseFaults.unavailable(ex)) {
            // PostgreSQL lost the connection (after the one retry of RetryOnConnectionLoss) or is overloaded
            return new Mapped(HttpStatus.SERVICE_UNAVAILABLE, ApiError.of(ErrorCodes.SERVICE_UNAVAILABLE,
                    "The database is temporarily unavailable, please retry", List.of()));
        }
        if (ex instanceof IOException || ex.getCause() instanceof IOException) {
            // a connection to a service refused, reset or closed before its answer (a proxied call): unavailable
            return new Mapped(HttpStatus.SERVICE_UNAVAILABLE, ApiError.of(ErrorCodes.SERVICE_UNAVAILABLE,
                    "The service is temporarily unavailable, please retry", List.of()));
        }
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504) {
            // a proxied service did not answer within the gateway's time budget (issue #14: a timeout is a 504,
            // with Retry-After and the same code as a 503, so that a client retries both alike)
            return new Mapped(HttpStatus.GATEWAY_TIMEOUT, ApiError.of(ErrorCodes.SERVICE_UNAVAILABLE,
                    "The service did not answer in time, please retry", List.of()));
        }
        if (ex instanceof ResponseStatusException rse) {
            HttpStatusCode status = rse.getStatusCode();
            return new Mapped(status, ApiError.of(codeFor(status), reasonFor(rse), List.of()));
        }
        return new Mapped(HttpStatus.INTERNAL_SERVER_ERROR,
                ApiError.of(ErrorCodes.INTERNAL_ERROR, "Internal server error", List.of()));
    }

    /** The JSON path of a string that {@link RequestText} refused, or null. */
    static String forbiddenTextField(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InvalidFormatException f && f.getTargetType() == String.class
                    && f.getOriginalMessage() != null && f.getOriginalMessage().contains(TextRules.FORBIDDEN)) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference r : f.getPath()) {
                    if (r.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(r.getPropertyName());
                    } else if (r.getIndex() >= 0) {
                        path.append('[').append(r.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? "body" : path.toString();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Mapped validation(String field, String message) {
        return new Mapped(HttpStatus.BAD_REQUEST, ApiError.of(ErrorCodes.VALIDATION_ERROR, "Validation failed",
                List.of(new ApiError.FieldError(field, message))));
    }

    /** Framework reasons can name internals (resource paths, handler names): clients get a plain phrase. */
    private static String reasonFor(ResponseStatusException rse) {
        if (rse.getStatusCode().value() == 404) {
            return "Resource not found";
        }
        HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
        return status == null ? "Error" : status.getReasonPhrase();
    }

    static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ErrorCodes.VALIDATION_ERROR;
            case 401 -> ErrorCodes.UNAUTHORIZED;
            case 403 -> ErrorCodes.FORBIDDEN;
            case 404 -> ErrorCodes.NOT_FOUND;
            case 405 -> ErrorCodes.METHOD_NOT_ALLOWED;
            case 409 -> ErrorCodes.CONFLICT;
            case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCodes.RATE_LIMITED;
            case 502, 503, 504 -> ErrorCodes.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? "BAD_REQUEST" : ErrorCodes.INTERNAL_ERROR;
        };
    }

    static String snake(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The services have R2DBC and Spring's data access exceptions; the gateway has neither. */
    private static final boolean DATABASE_ON_CLASSPATH =
            ClassUtils.isPresent("io.r2dbc.spi.R2dbcException", null)
                    && ClassUtils.isPresent("org.springframework.dao.DataAccessException", null);

    record Mapped(HttpStatusCode status, ApiError body) {
    }
}
