package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.HookSettings;
import io.rootfleet.model.notify.Notifier;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** When the hook restarts and whom it tells: taken as text and checked here, so a bad value is a message. */
final class HookScheduleOptions {
    @Option(names = "--window", paramLabel = "'DAYS HH:MM-HH:MM'", description = "Restart only inside this window, in the"
            + " host's local time, e.g. 'Mon-Fri 02:00-04:00' or 'Sat,Sun 22:00-02:00' (crossing midnight); outside it"
            + " the restart is recorded as pending (HOME/hook-pending.json) and run when the window opens. Default: at"
            + " any time.")
    String window;

    @Option(names = "--jitter", paramLabel = "DURATION", description = "Delay this host's restart by up to DURATION"
            + " (e.g. 30m) after the window opens (or after the packages changed, without --window): a delay fixed by"
            + " the host name, so a fleet's hosts do not all restart at once. Shorter than the window.")
    String jitter;

    @Option(names = "--notify", paramLabel = "URL", description = "POST JSON to this http(s) URL when a hook restart"
            + " starts, for each container that fails, when it ends and when it is deferred; with a timeout and"
            + " retries that never hold up or fail the restart.")
    String notify;

    @Option(names = "--systemd-root", paramLabel = "DIR", hidden = true,
            description = "Write the window's systemd timer below DIR even when systemd does not run here; for tests.")
    Path systemdRoot;

    HookSettings settings() {
        if (notify != null) {
            try {
                Notifier.parseUrl(notify);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Location.of("--notify"), e.getMessage());
            }
        }
        try {
            return new HookSettings(window, jitter, notify == null ? null : notify.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Location.of(e.getMessage().startsWith("--jitter") || window == null ? "--jitter"
                    : "--window"), e.getMessage());
        }
    }
}
