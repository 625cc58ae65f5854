package dev.parley.gateway.routes;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.parley.platform.web.TrustedProxies;

/**
 * What a service learns of the client's address: exactly one {@code X-Forwarded-For} entry, the client's as the
 * gateway determined it (the peer, or what a trusted proxy in front of it saw: {@link TrustedProxies}). Whatever the
 * client wrote in {@code X-Forwarded-For} or {@code Forwarded} is dropped, so that a service's per-address limits
 * (login, sign-up) count real addresses (issue #14).
 */
@Component
class ForwardedAddress implements GlobalFilter, Ordered {

    private final TrustedProxies proxies;

    ForwardedAddress(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String client = proxies.clientAddress(exchange.getRequest());
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> {
            h.remove("Forwarded");
            h.set(TrustedProxies.X_FORWARDED_FOR, client);
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
