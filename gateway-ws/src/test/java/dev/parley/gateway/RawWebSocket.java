package dev.parley.gateway;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client that writes frames byte by byte, so that a test can send what a well-behaved client library
 * never would: binary frames, text that is not UTF-8, unmasked frames, reserved bits, other protocol versions.
 */
final class RawWebSocket implements AutoCloseable {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String handshakeStatus;

    private RawWebSocket(Socket socket, String handshakeStatus) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshakeStatus = handshakeStatus;
    }

    /** Opens {@code path} on localhost with the given {@code Sec-WebSocket-Version}. */
    static RawWebSocket open(int port, String path, String version) throws IOException {
        Socket s = new Socket("localhost", port);
        s.setSoTimeout(10_000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: " + version + "\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream raw = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = raw.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String response = head.toString(StandardCharsets.US_ASCII);
        return new RawWebSocket(s, response.isEmpty() ? "" : response.substring(0, response.indexOf("\r\n")));
    }

    /** The handshake's status line, e.g. {@code HTTP/1.1 101 Switching Protocols}. */
    String handshakeStatus() {
        return handshakeStatus;
    }

    void text(String text) throws IOException {
        frame(0x80, TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A frame with the first byte {@code finAndRsv | opcode}, masked or not. */
    void frame(int finAndRsv, int opcode, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(finAndRsv | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(maskBit | payload.length);
        } else {
            f.write(maskBit | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        if (masked) {
            new SecureRandom().nextBytes(mask);
            f.write(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            f.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /**
     * Reads frames until the server's close frame and returns its status code, or -1 when the connection ended
     * without one.
     */
    int awaitCloseCode() throws IOException {
        try {
            while (true) {
                int b0 = in.read();
                if (b0 == -1) {
                    return -1;
                }
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                if ((b0 & 0x0f) == CLOSE) {
                    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                }
            }
        } catch (java.io.EOFException | java.net.SocketException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
