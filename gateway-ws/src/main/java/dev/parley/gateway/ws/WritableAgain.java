package dev.parley.gateway.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import reactor.netty.NettyPipeline;

/**
 * Drains a socket's queue when its channel is writable again (a client that read slowly caught up): one handler for
 * every channel, which finds the socket's {@link Connection} in a channel attribute (ADR 0014).
 */
@ChannelHandler.Sharable
final class WritableAgain extends ChannelInboundHandlerAdapter {

    private static final WritableAgain INSTANCE = new WritableAgain();
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("parley.connection");
    private static final String NAME = "parley.writableAgain";

    private WritableAgain() {
    }

    /** Watches {@code channel}'s writability for {@code connection}. */
    static void watch(Channel channel, Connection connection) {
        channel.attr(CONNECTION).set(connection);
        if (channel.pipeline().get(NAME) == null) {
            if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
                channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, NAME, INSTANCE);
            } else {
                channel.pipeline().addLast(NAME, INSTANCE);
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            Connection c = ctx.channel().attr(CONNECTION).get();
            if (c != null) {
                c.drain();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }
}
