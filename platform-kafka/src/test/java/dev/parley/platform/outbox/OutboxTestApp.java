package dev.parley.platform.outbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest application that has an outbox: used by the outbox's own tests. */
@SpringBootApplication
public class OutboxTestApp {
}
