package dev.parley.auth.throttle;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address of the client behind a request. Behind the gateway, that is the LAST entry of
 * {@code X-Forwarded-For}: the gateway appends the address it saw, while earlier entries come from the client
 * and prove nothing. Only the gateway may reach auth-service (network policy), so the header is trusted.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerHttpRequest request) {
        List<String> forwarded = request.getHeaders().get("X-Forwarded-For");
        if (forwarded != null && !forwarded.isEmpty()) {
            String last = forwarded.get(forwarded.size() - 1);
            String[] hops = last.split(",");
            String hop = hops[hops.length - 1].trim();
            if (!hop.isEmpty()) {
                return hop;
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
