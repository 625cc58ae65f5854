package dev.parley.gateway.ws;

import java.util.List;
import java.util.Map;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;

/**
 * Takes the {@code ?token=} of a {@code /ws} handshake out of its URI as it is decoded, into the request header
 * {@link #HEADER} (which a client-sent one of that name never survives), before anything parses or copies the URI
 * (issue #13: an idle socket kept its 800-character token in five copies of the handshake's URI). The headers of
 * the upgrade request are dropped once the socket is open ({@link LeanHandshake}), the token with them.
 */
@ChannelHandler.Sharable
final class HandshakeToken extends ChannelInboundHandlerAdapter {

    static final HandshakeToken INSTANCE = new HandshakeToken();
    /** The header the handshake's token travels in between this handler and {@link LeanHandshake}. */
    static final String HEADER = "x-parley-handshake-token";
    static final String NAME = "parley.handshakeToken";

    private HandshakeToken() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            request.headers().remove(HEADER);
            String uri = request.uri();
            if (uri.startsWith("/ws?") && uri.contains("token=")) {
                QueryStringDecoder decoder = new QueryStringDecoder(uri);
                List<String> token = decoder.parameters().get("token");
                if (token != null && !token.isEmpty()) {
                    request.headers().set(HEADER, token.get(0));
                    QueryStringEncoder rest = new QueryStringEncoder(decoder.path());
                    for (Map.Entry<String, List<String>> p : decoder.parameters().entrySet()) {
                        if (!p.getKey().equals("token")) {
                            p.getValue().forEach(v -> rest.addParam(p.getKey(), v));
                        }
                    }
                    request.setUri(rest.toString());
                }
            }
        }
        ctx.fireChannelRead(msg);
    }
}
