package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.testinfra.WsTestClient;

/**
 * Issue #14: what is not the protocol is refused with RFC 6455's close codes: binary frames 1003, text that is not
 * UTF-8 1007, protocol violations (an unmasked client frame, reserved bits, an unknown opcode) 1002, and a handshake
 * of another version than 13 gets no socket. The socket's user is told why; nobody else is affected.
 */
class ProtocolStrictnessIT extends GatewayIntegrationTest {

    private RawWebSocket authenticated(Caller u) throws Exception {
        RawWebSocket ws = RawWebSocket.open(port, "/ws?token=" + u.token(), "13");
        assertThat(ws.handshakeStatus()).contains("101");
        ws.text("{\"type\":\"auth\",\"token\":\"" + u.token() + "\"}");
        return ws;
    }

    @Test
    void aBinaryFrameIsClosedWith1003() throws Exception {
        try (RawWebSocket ws = authenticated(user("bin"))) {
            ws.frame(0x80, RawWebSocket.BINARY, new byte[] {1, 2, 3}, true);
            assertThat(ws.awaitCloseCode()).isEqualTo(1003);
        }
    }

    @Test
    void textThatIsNotUtf8IsClosedWith1007() throws Exception {
        try (RawWebSocket ws = authenticated(user("utf"))) {
            byte[] bad = "{\"type\":\"ping\",\"x\":\"\"}".getBytes(StandardCharsets.UTF_8);
            byte[] withInvalid = new byte[bad.length + 2];
            System.arraycopy(bad, 0, withInvalid, 0, bad.length);
            withInvalid[bad.length] = (byte) 0xC3; // a lead byte followed by no continuation byte
            withInvalid[bad.length + 1] = (byte) 0x28;
            ws.frame(0x80, RawWebSocket.TEXT, withInvalid, true);
            assertThat(ws.awaitCloseCode()).isEqualTo(1007);
        }
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolViolation() throws Exception {
        try (RawWebSocket ws = authenticated(user("unmasked"))) {
            ws.frame(0x80, RawWebSocket.TEXT, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), false);
            assertThat(ws.awaitCloseCode()).isEqualTo(1002);
        }
    }

    @Test
    void reservedBitsOrAnUnknownOpcodeAreProtocolViolations() throws Exception {
        try (RawWebSocket ws = authenticated(user("rsv"))) {
            ws.frame(0x80 | 0x20, RawWebSocket.TEXT, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), true);
            assertThat(ws.awaitCloseCode()).isEqualTo(1002);
        }
        try (RawWebSocket ws = authenticated(user("opcode"))) {
            ws.frame(0x80, 0x3, new byte[] {1}, true);
            assertThat(ws.awaitCloseCode()).isEqualTo(1002);
        }
    }

    @Test
    void onlyVersion13HandshakesGetASocket() throws Exception {
        Caller u = user("v8");
        for (String version : new String[] {"8", "7", "0"}) {
            try (RawWebSocket ws = RawWebSocket.open(port, "/ws?token=" + u.token(), version)) {
                assertThat(ws.handshakeStatus()).as("version " + version).doesNotContain("101");
            }
        }
    }

    @Test
    void aViolatingClientDoesNotAffectAnotherSocket() throws Exception {
        Caller other = user("bystander");
        try (WsTestClient bystander = connect(other); RawWebSocket bad = authenticated(user("bad"))) {
            bad.frame(0x80, RawWebSocket.BINARY, new byte[] {9}, true);
            assertThat(bad.awaitCloseCode()).isEqualTo(1003);
            bystander.send(Map.of("type", "ping"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> !bystander.framesOfType("pong").isEmpty());
        }
    }
}
