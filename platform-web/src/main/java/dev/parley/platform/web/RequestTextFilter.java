package dev.parley.platform.web;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The text of a request's line ({@link TextRules#hasAnyControl}): a control character in a query parameter's name
 * or value, or in the decoded path, is a 400 {@code VALIDATION_ERROR} naming the parameter (or {@code path}), before
 * any handler runs. Bodies are checked as they are decoded ({@link RequestText}).
 */
final class RequestTextFilter implements WebFilter, Ordered {

    private final ErrorResponseWriter writer;

    RequestTextFilter(ErrorResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String field = null;
        if (TextRules.hasAnyControl(exchange.getRequest().getPath().value())) {
            field = "path";
        } else {
            for (Map.Entry<String, List<String>> p : exchange.getRequest().getQueryParams().entrySet()) {
                boolean bad = TextRules.hasAnyControl(p.getKey());
                for (String v : p.getValue()) {
                    bad |= v != null && TextRules.hasAnyControl(v);
                }
                if (bad) {
                    field = TextRules.hasAnyControl(p.getKey()) ? "query" : p.getKey();
                    break;
                }
            }
        }
        if (field == null) {
            return chain.filter(exchange);
        }
        return writer.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, ApiError.of(ErrorCodes.VALIDATION_ERROR,
                "Validation failed", List.of(new ApiError.FieldError(field, TextRules.FORBIDDEN))));
    }
}
