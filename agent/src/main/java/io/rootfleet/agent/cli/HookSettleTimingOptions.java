package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.PackageManagerLocks;
import io.rootfleet.agent.hook.SettleOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Hidden knobs of the hook's wait for apt and dpkg, for tests: other lock files, a shorter wait. */
final class HookSettleTimingOptions {
    @Option(names = "--package-lock", paramLabel = "FILE", hidden = true)
    List<Path> packageLocks;

    @Option(names = "--quiet-millis", paramLabel = "MS", hidden = true)
    Long quietMillis;

    @Option(names = "--wait-seconds", paramLabel = "SECONDS", hidden = true)
    Long waitSeconds;

    SettleOptions options() {
        SettleOptions d = SettleOptions.DEFAULT;
        return new SettleOptions(packageLocks == null ? PackageManagerLocks.DPKG : packageLocks,
                quietMillis == null ? d.quiet() : Duration.ofMillis(quietMillis),
                waitSeconds == null ? d.waitTimeout() : Duration.ofSeconds(waitSeconds));
    }
}
