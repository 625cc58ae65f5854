package dev.parley.system;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.parley.localstack.LocalStack;
import dev.parley.localstack.Service;
import dev.parley.testinfra.ContractTap;
import dev.parley.localstack.StackConfig;

/** The README's local stack on free ports and a fresh data directory, as each system test class starts it. */
final class TestStacks {

    private TestStacks() {
    }

    /** Starts the whole stack and returns when every process is healthy; nothing is left running on failure. */
    static LocalStack start(String name) throws Exception {
        return start(name, java.util.Map.of());
    }

    /** As {@link #start(String)}, with settings for every service (e.g. a short access-token lifetime). */
    static LocalStack start(String name, java.util.Map<String, String> everyService) throws Exception {
        Path root = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(name);
        LocalStack stack = new LocalStack(new StackConfig(root, data, freePort(), freePort(), freePort(), freePort(),
                freePort(), freePort(), null, null));
        for (Service s : Service.values()) {
            // spans in the logs: ObservabilityIT follows a send's trace through them
            java.util.Map<String, String> env = new java.util.HashMap<>(everyService);
            env.put("TRACING_LOG_SPANS", "true");
            stack.withEnvironment(s, env);
        }
        try {
            stack.start();
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        ContractTap.start(stack.kafkaBootstrapServers());
        return stack;
    }

    /**
     * Checks that every event the stack's services produced keeps the event contract (ContractTap), then stops the
     * stack. A test class calls it from its {@code @AfterAll}.
     */
    static void stop(LocalStack stack) {
        if (stack == null) {
            return;
        }
        try {
            ContractTap.assertAllValid();
        } finally {
            ContractTap.stop(stack.kafkaBootstrapServers());
            stack.close();
        }
    }

    static int freePort() {
        return LocalStack.freePort();
    }
}
