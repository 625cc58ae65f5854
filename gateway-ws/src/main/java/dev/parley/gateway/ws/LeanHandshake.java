package dev.parley.gateway.ws;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The handshake a socket keeps for its whole life, kept small (issue #13): the request's headers are not kept
 * (the Origin was checked before the upgrade; nothing reads them after), and the {@code ?token=} of the URI is
 * handed to {@link ChatWebSocketHandler} once, as the session attribute {@link #QUERY_TOKEN} it removes, rather
 * than kept in the URI (an idle socket held several copies of its 800-character token in the URI's parts). A token
 * out of the session's URI is also one that nothing derived from it can log. The socket's Netty channel goes to the
 * handler the same way ({@link #CHANNEL}): frames are written to it directly (ADR 0014).
 */
final class LeanHandshake implements RequestUpgradeStrategy {

    private static final Logger log = LoggerFactory.getLogger(LeanHandshake.class);

    /** The session attribute that carries the handshake's {@code token} to the handler. */
    static final String QUERY_TOKEN = "parley.ws.query-token";
    /** The session attribute that carries the socket's Netty channel to the handler. */
    static final String CHANNEL = "parley.ws.channel";

    private final RequestUpgradeStrategy delegate;

    LeanHandshake(RequestUpgradeStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        // RFC 6455 §4.4: only version 13; anything else is told which version this server speaks
        if (!"13".equals(exchange.getRequest().getHeaders().getFirst("Sec-WebSocket-Version"))) {
            exchange.getResponse().setStatusCode(HttpStatus.UPGRADE_REQUIRED);
            exchange.getResponse().getHeaders().set("Sec-WebSocket-Version", "13");
            return exchange.getResponse().setComplete();
        }
        Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        if (!(nativeResponse instanceof reactor.netty.Connection connection)) {
            throw new IllegalStateException("the gateway's sockets need Reactor Netty, not " + nativeResponse);
        }
        // the Netty channel under the request (the socket's after the upgrade), which frames are written to
        Channel channel = connection.channel();
        String headerToken = exchange.getRequest().getHeaders().getFirst(HandshakeToken.HEADER);
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        // once the socket is open nothing reads the upgrade's headers (the Origin was checked, the key answered):
        // the request's and the response's are dropped, with the token the request may carry (HandshakeToken)
        WebSocketHandler dropHeaders = session -> {
            StrictFrames.install(channel);
            endRequestDeadlines(nativeResponse, channel);
            if (nativeRequest instanceof HttpServerRequest request) {
                request.requestHeaders().clear();
            }
            if (nativeResponse instanceof HttpServerResponse response) {
                response.responseHeaders().clear();
            }
            return handler.handle(session);
        };
        return delegate.upgrade(exchange, dropHeaders, subProtocol,
                () -> lean(handshakeInfoFactory.get(), channel, headerToken));
    }

    /**
     * Ends Reactor Netty's deadlines for the upgrade request on its connection: the longest pause between reads and
     * the whole request's time (platform-web's {@code SlowClients}, 30 s and 2 min). Reactor Netty stops them when a
     * request's body has been read, which an upgraded connection never signals: left running, they closed every
     * socket that sent nothing for 30 s, and every socket at 2 minutes however busy. A socket is then bounded by the
     * gateway's own idle timeout, which its pings reset. {@code HttpServerOperations.stopReadTimeout} is what Reactor
     * Netty itself calls; it is not public, hence the reflection (QuietSocketIT fails if a Reactor Netty upgrade
     * removes it).
     */
    static void endRequestDeadlines(Object nativeResponse, Channel channel) {
        if (STOP_REQUEST_DEADLINES != null && STOP_REQUEST_DEADLINES.getDeclaringClass().isInstance(nativeResponse)) {
            try {
                STOP_REQUEST_DEADLINES.invoke(nativeResponse);
            } catch (ReflectiveOperationException e) {
                log.warn("the request deadlines of socket {} were not ended: {}", channel.id(), e.toString());
            }
        }
        if (channel.pipeline().get(NettyPipeline.ReadTimeoutHandler) != null) {
            channel.pipeline().remove(NettyPipeline.ReadTimeoutHandler);
        }
    }

    private static final Method STOP_REQUEST_DEADLINES = stopRequestDeadlines();

    private static Method stopRequestDeadlines() {
        try {
            Method stop = Class.forName("reactor.netty.http.server.HttpServerOperations")
                    .getDeclaredMethod("stopReadTimeout");
            stop.setAccessible(true);
            return stop;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Reactor Netty's request deadlines cannot be ended on sockets ({}): quiet sockets will be closed "
                    + "after parley.http.read-timeout", e.toString());
            return null;
        }
    }

    static HandshakeInfo lean(HandshakeInfo info, Channel channel, String headerToken) {
        Map<String, Object> attributes = new HashMap<>(info.getAttributes());
        if (channel != null) {
            attributes.put(CHANNEL, channel);
        }
        if (headerToken != null) {
            attributes.put(QUERY_TOKEN, headerToken);
        }
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
