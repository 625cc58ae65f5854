package dev.parley.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

/**
 * How a socket's frames reach its channel (ADR 0014), on Netty's embedded channel: written in order, flushed once
 * per batch, held in the socket's bounded queue while the channel is not writable (with no frames allowed in flight
 * beyond its mark: the embedded channel hands flushed frames on at once) and written when it is again.
 */
class ConnectionOutboundTest {

    /** Counts the flushes that reach the channel. */
    private static final class Flushes extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }

    private final Flushes flushes = new Flushes();
    private final EmbeddedChannel channel = new EmbeddedChannel(flushes);

    private List<String> written() {
        List<String> texts = new ArrayList<>();
        for (Object m; (m = channel.readOutbound()) != null; ) {
            TextWebSocketFrame frame = (TextWebSocketFrame) m;
            texts.add(frame.text());
            frame.release();
        }
        return texts;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFramesOfOneBatchAreWrittenInOrderAndFlushedOnce() {
        Connection c = new Connection(null, channel, 16, 10);
        Outbound.batch(() -> {
            for (int i = 1; i <= 5; i++) {
                assertThat(c.offer(utf8("{\"n\":" + i + "}"))).isTrue();
            }
            assertThat(written()).as("nothing leaves before the batch ends").isEmpty();
        });
        channel.runPendingTasks();
        assertThat(written()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
        assertThat(flushes.count).isEqualTo(1);
    }

    @Test
    void aFrameOutsideABatchIsWrittenAtOnce() {
        Connection c = new Connection(null, channel, 16, 10);
        c.offer(utf8("{\"type\":\"pong\"}"));
        channel.runPendingTasks();
        assertThat(written()).containsExactly("{\"type\":\"pong\"}");
        assertThat(flushes.count).isEqualTo(1);
    }

    @Test
    void aBatchHandsOverASocketWhoseQueueIsHalfFullAtOnce() {
        Connection c = new Connection(null, channel, 4, 10, 0);
        Outbound.batch(() -> {
            assertThat(c.offer(utf8("f1"))).isTrue();
            assertThat(written()).isEmpty();
            assertThat(c.offer(utf8("f2"))).isTrue();
            channel.runPendingTasks();
            assertThat(written()).as("half of the queue's limit: handed over before the batch ends")
                    .containsExactly("f1", "f2");
            for (int i = 3; i <= 6; i++) {
                assertThat(c.offer(utf8("f" + i))).as("frame %d", i).isTrue();
            }
        });
        channel.runPendingTasks();
        assertThat(written()).containsExactly("f3", "f4", "f5", "f6");
    }

    @Test
    void aSocketsQueueHoldsItsBufferAndTheSlackBeforeItIsTooSlow() {
        Connection c = new Connection(null, channel, 2, 10, 3);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        for (int i = 1; i <= 5; i++) {
            assertThat(c.offer(utf8("f" + i))).as("frame %d", i).isTrue();
        }
        assertThat(c.offer(utf8("f6"))).isFalse();
    }

    @Test
    void whileTheChannelIsNotWritableFramesWaitInTheBoundedQueueAndFollowWhenItIs() {
        Connection c = new Connection(null, channel, 3, 10, 0);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(c.offer(utf8("a"))).isTrue();
        assertThat(c.offer(utf8("b"))).isTrue();
        assertThat(c.offer(utf8("c"))).isTrue();
        channel.runPendingTasks();
        assertThat(written()).isEmpty();
        assertThat(c.offer(utf8("d"))).as("the queue is full: the caller closes the socket as too slow").isFalse();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();
        assertThat(written()).containsExactly("a", "b", "c");
        assertThat(c.offer(utf8("d"))).isTrue();
        channel.runPendingTasks();
        assertThat(written()).containsExactly("d");
    }

    @Test
    void theStreamEndsOnceWhatWasQueuedIsWritten() {
        Connection c = new Connection(null, channel, 8, 10, 0);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        c.offer(utf8("last"));
        c.complete();
        channel.runPendingTasks();
        assertThat(c.written().toFuture()).isNotDone();
        assertThat(c.offer(utf8("after the end"))).isTrue();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();
        assertThat(c.written().toFuture()).isDone();
        assertThat(written()).containsExactly("last");
    }
}
