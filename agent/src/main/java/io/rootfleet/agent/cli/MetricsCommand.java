package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.metrics.MetricsCollector;
import io.rootfleet.agent.metrics.MetricsSettings;
import io.rootfleet.agent.metrics.MetricsText;
import io.rootfleet.agent.metrics.Textfile;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "metrics",
        description = "Print this host's metrics in the Prometheus text format: containers by state, stale,"
                + " shadowing and held containers, the last patch (restart --stale by hand, by the apt hook or by"
                + " rootfleet patch) with its time and result, restart durations, the apt hook's runs and failures."
                + " With --textfile DIR, write them to DIR/" + Textfile.NAME + " for node_exporter's textfile collector"
                + " (atomically: a temporary file renamed over it); add --enable to have apply, restart, reconcile,"
                + " hold, unhold and the apt hook refresh that file after every change.",
        footer = "%nExamples:%n  rootfleet-agent metrics%n"
                + "  rootfleet-agent metrics --textfile /var/lib/prometheus/node-exporter --enable%n"
                + "  rootfleet-agent metrics --disable%n")
final class MetricsCommand implements AgentCommand, Audited {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Option(names = "--textfile", paramLabel = "DIR", description = "Write DIR/" + Textfile.NAME + " instead of printing.")
    Path textfile;

    @Option(names = "--enable", description = "Remember --textfile DIR: every change refreshes the file from now on.")
    boolean enable;

    @Option(names = "--disable", description = "Stop refreshing the textfile after changes (the file is left as it is).")
    boolean disable;

    private AuditEntry.Changes changes;

    @Override
    public ExitStatus run() {
        if (disable && (enable || textfile != null)) {
            throw new InvalidInputException(Location.of("--disable"), "--disable goes alone");
        }
        if (enable && textfile == null) {
            throw new InvalidInputException(Location.of("--enable"), "--enable needs --textfile DIR");
        }
        if (textfile != null && !Files.isDirectory(textfile, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(Location.of(textfile.toString()), "no such directory; give node_exporter's"
                    + " --collector.textfile.directory");
        }
        AgentContext context = AgentContext.forHome(parent.options.home);
        AgentHome home = context.home();
        PrintWriter out = spec.commandLine().getOut();
        if (disable) {
            boolean was;
            try (HostLock lock = HostLock.acquire(home.lockFile(), Duration.ofSeconds(60))) {
                was = new MetricsSettings(home).disable();
            }
            changes = AuditEntry.Changes.NONE;
            out.println(was ? "metrics textfile no longer refreshed" : "the metrics textfile was not enabled");
            out.flush();
            return ExitStatus.OK;
        }
        String text = MetricsText.render(new MetricsCollector(context.engine()).collect());
        if (textfile == null) {
            out.print(text);
            out.flush();
            return ExitStatus.OK;
        }
        if (enable) {
            try (HostLock lock = HostLock.acquire(home.lockFile(), Duration.ofSeconds(60))) {
                new MetricsSettings(home).enable(textfile);
            }
            changes = AuditEntry.Changes.NONE;
        }
        Path written = Textfile.write(textfile.toAbsolutePath().normalize(), text);
        out.println("wrote " + written + (enable ? "; apply, restart, reconcile, hold, unhold and the apt hook refresh it" : ""));
        out.flush();
        return ExitStatus.OK;
    }

    /** Refreshes the textfile when enabled; a failure is a warning, never the command's failure. */
    static void refreshQuietly(AgentHome home, PrintWriter err) {
        try {
            if (new MetricsSettings(home).textfileDir().isEmpty()) {
                return;
            }
            new MetricsCollector(AgentContext.forHome(home.dir()).engine()).refreshTextfile();
        } catch (RuntimeException e) {
            err.println("rootfleet-agent: warning: the metrics textfile was not refreshed: " + e.getMessage());
        }
    }

    @Override
    public Optional<AuditEntry.Changes> auditChanges() {
        return Optional.ofNullable(changes);
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitCodeHelp.readOnly("printed or written", "invalid options (--textfile not a directory)");
    }
}
