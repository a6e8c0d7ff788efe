package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.audit.AuditLines;
import io.rootfleet.agent.audit.AuditLog;
import io.rootfleet.agent.audit.Since;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "audit",
        description = "Show the audit log, HOME/audit.log: one line per change (apply, restart, the apt hook's"
                + " restart, reconcile, hold, unhold, teardown, metrics settings) with when (UTC), who (the SSH client"
                + " and user, the sudo user, or the local user), the command, what it changed and how it ended. A"
                + " line that is not an audit entry is reported on stderr and skipped.",
        footer = "%nExamples:%n  rootfleet-agent audit --since 2h%n  rootfleet-agent audit --since 2026-11-27 --json%n")
final class AuditCommand implements AgentCommand {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Option(names = "--since", paramLabel = "T", description = "Only changes at or after T: an ISO-8601 time"
            + " (2026-11-27T08:00:00Z; without an offset, UTC), a date, or a duration back from now (90s, 30m, 2h, 7d).")
    String since;

    @Option(names = "--last", paramLabel = "N", description = "Only the last N changes (after --since).")
    Integer last;

    @Option(names = "--json", description = "Print the entries as they are stored: one JSON object per line.")
    boolean json;

    @Override
    public ExitStatus run() {
        Instant from = Instant.EPOCH;
        if (since != null) {
            try {
                from = Since.parse(since, Instant.now());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(Location.of("--since"), e.getMessage());
            }
        }
        if (last != null && last < 1) {
            throw new InvalidInputException(Location.of("--last"), "--last must be at least 1");
        }
        AuditLines.Read read = new AuditLog(new AgentHome(parent.options.home).auditLog()).read();
        List<AuditEntry> entries = read.since(from);
        if (last != null && entries.size() > last) {
            entries = entries.subList(entries.size() - last, entries.size());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        read.problems().forEach(p -> err.println("rootfleet-agent: warning: " + p));
        for (AuditEntry entry : entries) {
            out.println(json ? AuditLines.format(entry) : entry.line());
        }
        if (!json && entries.isEmpty()) {
            out.println("no changes" + (since == null ? "" : " since " + from) + " in " + new AgentHome(parent.options.home).auditLog());
        }
        out.flush();
        err.flush();
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitCodeHelp.readOnly("listed (unreadable lines are reported on stderr)", "invalid options (--since)");
    }
}
