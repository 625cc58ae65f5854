package dev.parley.gateway.ws;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The handshake a socket keeps for its whole life, kept small (issue #13): the request's headers are not kept
 * (the Origin was checked before the upgrade; nothing reads them after), and the {@code ?token=} of the URI is
 * handed to {@link ChatWebSocketHandler} once, as the session attribute {@link #QUERY_TOKEN} it removes, rather
 * than kept in the URI (an idle socket held several copies of its 800-character token in the URI's parts). A token
 * out of the session's URI is also one that nothing derived from it can log.
 */
final class LeanHandshake implements RequestUpgradeStrategy {

    /** The session attribute that carries the handshake's {@code token} to the handler. */
    static final String QUERY_TOKEN = "parley.ws.query-token";

    private final RequestUpgradeStrategy delegate;

    LeanHandshake(RequestUpgradeStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        return delegate.upgrade(exchange, handler, subProtocol, () -> lean(handshakeInfoFactory.get()));
    }

    static HandshakeInfo lean(HandshakeInfo info) {
        Map<String, Object> attributes = new HashMap<>(info.getAttributes());
        URI uri = info.getUri();
        UriComponents parts = UriComponentsBuilder.fromUri(uri).build(true);
        String token = parts.getQueryParams().getFirst("token");
        if (token != null) {
            attributes.put(QUERY_TOKEN, token);
            MultiValueMap<String, String> rest = new LinkedMultiValueMap<>(parts.getQueryParams());
            rest.remove("token");
            uri = UriComponentsBuilder.fromUri(uri).replaceQueryParams(rest).build(true).toUri();
        }
        return new HandshakeInfo(uri, new HttpHeaders(), new LinkedMultiValueMap<>(), info.getPrincipal(),
                info.getSubProtocol(), info.getRemoteAddress(), attributes, info.getLogPrefix());
    }
}
