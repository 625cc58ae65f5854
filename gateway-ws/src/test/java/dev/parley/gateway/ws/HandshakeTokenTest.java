package dev.parley.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** The handshake's token leaves the URI as the request is decoded, for a header that the socket drops once open. */
class HandshakeTokenTest {

    private static HttpRequest through(HttpRequest request) {
        EmbeddedChannel channel = new EmbeddedChannel(HandshakeToken.INSTANCE);
        channel.writeInbound(request);
        return channel.readInbound();
    }

    private static HttpRequest get(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    @Test
    void theTokenOfAWebSocketHandshakeMovesFromTheUriToTheHeader() {
        HttpRequest r = through(get("/ws?token=eyJ.abc-_.sig&lang=en"));
        assertThat(r.uri()).isEqualTo("/ws?lang=en");
        assertThat(r.headers().get(HandshakeToken.HEADER)).isEqualTo("eyJ.abc-_.sig");

        HttpRequest only = through(get("/ws?token=t1"));
        assertThat(only.uri()).isEqualTo("/ws");
        assertThat(only.headers().get(HandshakeToken.HEADER)).isEqualTo("t1");
    }

    @Test
    void aClientCannotSendTheHeaderItselfAndOtherRequestsAreLeftAlone() {
        HttpRequest forged = get("/ws");
        forged.headers().set(HandshakeToken.HEADER, "someone else's");
        assertThat(through(forged).headers().contains(HandshakeToken.HEADER)).isFalse();

        HttpRequest rest = through(get("/api/v1/rooms?token=x"));
        assertThat(rest.uri()).isEqualTo("/api/v1/rooms?token=x");
        assertThat(rest.headers().contains(HandshakeToken.HEADER)).isFalse();
    }
}
