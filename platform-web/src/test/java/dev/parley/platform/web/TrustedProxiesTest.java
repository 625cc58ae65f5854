package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    static InetSocketAddress peer(String ip) {
        return new InetSocketAddress(ip, 40000);
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeaderSays() {
        TrustedProxies none = new TrustedProxies(List.of());
        assertThat(none.clientAddress(peer("198.51.100.4"), List.of("203.0.113.7"))).isEqualTo("198.51.100.4");
        TrustedProxies ingress = new TrustedProxies(List.of("10.0.0.0/8"));
        assertThat(ingress.clientAddress(peer("198.51.100.4"), List.of("203.0.113.7"))).isEqualTo("198.51.100.4");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedEntryIsTheClient() {
        TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "::1"));
        // the client wrote 1.2.3.4 itself; the ingress (10.1.1.1) saw 203.0.113.7 and appended it
        assertThat(proxies.clientAddress(peer("10.1.1.1"), List.of("1.2.3.4, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress(peer("10.1.1.1"), List.of("1.2.3.4", "203.0.113.7, 10.2.2.2")))
                .isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress(peer("::1"), List.of("2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        // no header, or only proxies: the last hop known
        assertThat(proxies.clientAddress(peer("10.1.1.1"), null)).isEqualTo("10.1.1.1");
        assertThat(proxies.clientAddress(peer("10.1.1.1"), List.of("10.3.3.3"))).isEqualTo("10.3.3.3");
    }

    @Test
    void garbageIsNeverAnAddressAndNothingIsResolved() {
        TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8"));
        assertThat(proxies.clientAddress(peer("10.1.1.1"), List.of("evil.example.com"))).isEqualTo("10.1.1.1");
        assertThat(proxies.clientAddress(peer("10.1.1.1"), List.of("1.2.3.4, <script>"))).isEqualTo("10.1.1.1");
        assertThat(TrustedProxies.isAddress("localhost")).isFalse();
        assertThat(TrustedProxies.isAddress("999.1.1.1")).isFalse();
        assertThat(TrustedProxies.isAddress("127.0.0.1")).isTrue();
    }
}
