package io.rootfleet.controller.ssh;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Runs an {@link SshdHarness} for JUnit tests and adds the sshd logs to every failure.
 *
 * <pre>{@code
 * @RegisterExtension static final SshdExtension SSHD = new SshdExtension(3); // shared by the class
 * @RegisterExtension final SshdExtension sshd = new SshdExtension(1);        // fresh for each test
 * }</pre>
 *
 * A static field starts the servers once for the class; an instance field starts them for each test, for
 * tests that stop hosts or change their keys.
 */
public final class SshdExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
                TestExecutionExceptionHandler {
    private final int hostCount;
    private SshdHarness harness;
    private boolean perClass;

    public SshdExtension(int hostCount) {
        this.hostCount = hostCount;
    }

    public SshdHarness harness() {
        if (harness == null) {
            throw new IllegalStateException("the sshd harness runs only while a test does");
        }
        return harness;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        harness = SshdHarness.start(hostCount);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            harness = SshdHarness.start(hostCount);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (harness != null) {
            failure.addSuppressed(new SshdLogs(harness.logs()));
        }
        throw failure;
    }

    private void close() {
        if (harness != null) {
            harness.close();
            harness = null;
        }
    }

    /** Carries the sshd logs into the test report. */
    private static final class SshdLogs extends Exception {
        SshdLogs(String logs) {
            super("sshd logs:\n" + logs, null, false, false);
        }
    }
}
