package dev.parley.testinfra;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test class: every record produced on the test broker so far keeps the event contract
 * ({@link ContractTap}). Registered for every test JVM through the ServiceLoader
 * ({@code junit.jupiter.extensions.autodetection.enabled}, set in the parent pom); a no-op where no broker started.
 */
public final class ContractTapExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        ContractTap.assertAllValid();
    }
}
