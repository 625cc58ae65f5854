package dev.parley.gateway.ws;

import java.util.Map;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * RFC 6455 strictness that Reactor Netty's handshake leaves out, added to a socket's pipeline right after its frame
 * decoder once the socket is open: text must be UTF-8 (Netty's {@link Utf8FrameValidator}: else 1007), the
 * protocol speaks text only (a binary frame: 1003), and no extension is negotiated, so a frame with a reserved bit set
 * is a protocol violation (1002; the decoder itself closes unmasked frames and unknown opcodes with 1002).
 */
final class StrictFrames extends ChannelInboundHandlerAdapter {

    static final String NAME = "parley-strict-frames";
    private static final String UTF8 = "parley-utf8-validator";

    /** Adds the checks after the channel's WebSocket frame decoder (once). */
    static void install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NAME) != null) {
            return;
        }
        for (Map.Entry<String, ChannelHandler> e : pipeline) {
            if (e.getValue() instanceof WebSocketFrameDecoder) {
                pipeline.addAfter(e.getKey(), UTF8, new Utf8FrameValidator(true));
                pipeline.addAfter(UTF8, NAME, new StrictFrames());
                return;
            }
        }
    }

    private boolean inBinaryMessage;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (frame.rsv() != 0) {
            refuse(ctx, frame, WebSocketCloseStatus.PROTOCOL_ERROR.code(), "Reserved bits set without an extension");
            return;
        }
        boolean binary = frame instanceof BinaryWebSocketFrame
                || (frame instanceof ContinuationWebSocketFrame && inBinaryMessage);
        if (binary) {
            inBinaryMessage = !frame.isFinalFragment();
            refuse(ctx, frame, WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code(), "Binary frames are not accepted");
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static void refuse(ChannelHandlerContext ctx, WebSocketFrame frame, int code, String reason) {
        ReferenceCountUtil.release(frame);
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
