package dev.parley.platform.web;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;

/**
 * Bounds on how slowly a client may talk (issue #14: 200 slowloris connections and a 100 B/s upload were held open
 * indefinitely). Reactor Netty bounds a request's body ({@code readTimeout}: the longest pause between reads;
 * {@code requestTimeout}: the whole body) and a kept-alive connection's idle time ({@code idleTimeout}); what it does
 * not bound is the request head: a client dripping header lines holds its connection for as long as it likes.
 * {@link HeadDeadline} closes a connection whose first request head is not complete within {@code headTimeout}.
 *
 * @param headTimeout    a new connection's first request line and headers must arrive within this
 * @param readTimeout    the longest pause while a request body is read
 * @param requestTimeout the longest a request body may take to arrive (uploads included)
 * @param idleTimeout    how long a kept-alive connection may wait for its next request
 */
public record SlowClients(Duration headTimeout, Duration readTimeout, Duration requestTimeout, Duration idleTimeout) {

    /** Applies the bounds to the server. */
    public NettyServerCustomizer customizer() {
        return server -> server.readTimeout(readTimeout).requestTimeout(requestTimeout).idleTimeout(idleTimeout)
                .doOnChannelInit((observer, channel, address) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, HeadDeadline.NAME,
                                new HeadDeadline(headTimeout));
                    }
                });
    }

    /**
     * Closes the connection unless a complete request head (what the HTTP codec turns into an {@link HttpRequest})
     * arrives within the deadline; then it steps out of the pipeline.
     */
    static final class HeadDeadline extends ChannelDuplexHandler {

        static final String NAME = "parley.headDeadline";
        private final Duration timeout;
        private ScheduledFuture<?> deadline;

        HeadDeadline(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            deadline = ctx.executor().schedule(() -> {
                if (ctx.channel().isActive()) {
                    ctx.close();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                deadline.cancel(false);
                ctx.pipeline().remove(this);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }
}
