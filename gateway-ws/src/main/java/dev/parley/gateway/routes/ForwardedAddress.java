package dev.parley.gateway.routes;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.parley.platform.web.TrustedProxies;

/**
 * What a service learns of the client's address: exactly one {@code X-Forwarded-For} entry, the client's as the
 * gateway determined it (the peer, or what a trusted proxy in front of it saw: {@link TrustedProxies}). Whatever the
 * client wrote in {@code X-Forwarded-For} or {@code Forwarded} is dropped, so that a service's per-address limits
 * (login, sign-up) count real addresses (issue #14).
 * <p>
 * It is the last of the headers filters a proxied request passes: Spring Cloud Gateway's own (since 5.0 its
 * {@code RemoveXForwardedHeadersFilter}, at order 0, drops every {@code X-Forwarded-*} header when it trusts no
 * proxy) run before it and cannot take the address away.
 */
@Component
class ForwardedAddress implements HttpHeadersFilter, Ordered {

    private final TrustedProxies proxies;

    ForwardedAddress(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Forwarded") && !name.equalsIgnoreCase(TrustedProxies.X_FORWARDED_FOR)) {
                headers.addAll(name, values);
            }
        });
        headers.set(TrustedProxies.X_FORWARDED_FOR, proxies.clientAddress(exchange.getRequest()));
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
