package dev.parley.gateway.ws;

import java.util.Map;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.WebsocketServerSpec;

import dev.parley.gateway.BrowserOrigins;
import dev.parley.gateway.GatewayProperties;

@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    /** {@code /ws}, ahead of the gateway's routes; the handshake's Origin must be allowed. */
    @Bean
    HandlerMapping webSocketMapping(ChatWebSocketHandler handler, GatewayProperties props) {
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/ws", handler), Ordered.HIGHEST_PRECEDENCE);
        mapping.setCorsConfigurations(Map.of("/ws", BrowserOrigins.webSocket(props)));
        return mapping;
    }

    /**
     * The upgrade request of a socket is not observed as an HTTP request: its observation would stay open, and
     * referenced, for the socket's whole life (issue #13: four open observations per idle socket). Sockets have
     * their own meters ({@code parley.ws.*}).
     */
    @Bean
    ObservationPredicate webSocketUpgradesAreNotObserved() {
        return (name, context) -> !(context
                instanceof ServerRequestObservationContext server
                && "/ws".equals(server.getCarrier().getPath().value()));
    }

    /** The handshake's {@code ?token=} leaves its URI as the request is decoded (HandshakeToken). */
    @Bean
    NettyServerCustomizer handshakeTokenOutOfUri() {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HandshakeToken.NAME,
                        HandshakeToken.INSTANCE);
            }
        });
    }

    /** Frames larger than the limit close the socket (1009) before they are read. */
    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter(GatewayProperties props) {
        WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder().maxFramePayloadLength(props.maxFrameBytes());
        return new WebSocketHandlerAdapter(new HandshakeWebSocketService(
                new LeanHandshake(new ReactorNettyRequestUpgradeStrategy(spec))));
    }
}
