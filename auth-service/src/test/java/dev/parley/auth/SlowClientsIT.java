package dev.parley.auth;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Slow clients are cut off (issue #14: slowloris connections and a 100 B/s upload were held open indefinitely):
 * a request head that does not complete in time, and a body that takes too long, close the connection. The bounds
 * are short here (2 s and 3 s; 20 s and 2 min by default).
 */
@TestPropertySource(properties = {"parley.http.head-timeout=2s", "parley.http.request-timeout=3s"})
class SlowClientsIT extends AuthIntegrationTest {

    @Test
    void aRequestHeadDrippedLineByLineIsCutOff() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /livez HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            AtomicBoolean closed = dripUntilClosed(socket, out, "X-Drip: 1\r\n");
            await().atMost(Duration.ofSeconds(10)).untilTrue(closed);
        }
        // a client that sends its request at a normal pace is answered as ever
        http.get().uri("/livez").exchange().expectStatus().isOk();
    }

    @Test
    void aBodyThatTakesLongerThanTheRequestTimeoutIsCutOff() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{\"username\":\"").getBytes(StandardCharsets.US_ASCII));
            AtomicBoolean closed = dripUntilClosed(socket, out, "aaaaaaaaaa"); // 10 bytes every 200 ms: 50 B/s
            await().atMost(Duration.ofSeconds(15)).untilTrue(closed);
        }
    }

    /** Writes {@code chunk} every 200 ms on a thread of its own until the server closes the connection. */
    private static AtomicBoolean dripUntilClosed(Socket socket, OutputStream out, String chunk) throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = socket.getInputStream();
        Thread reader = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // a 408 or other answer may come before the close
                }
            } catch (IOException reset) {
                // closed by the server
            }
            closed.set(true);
        });
        reader.setDaemon(true);
        reader.start();
        Thread writer = new Thread(() -> {
            try {
                while (!closed.get()) {
                    out.write(chunk.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
            } catch (IOException gone) {
                closed.set(true);
            }
        });
        writer.setDaemon(true);
        writer.start();
        return closed;
    }
}
