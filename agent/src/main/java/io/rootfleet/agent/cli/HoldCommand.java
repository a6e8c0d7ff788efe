package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.Actor;
import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.audit.AuditLines;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.state.Hold;
import io.rootfleet.agent.state.HoldStore;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "hold",
        description = "Hold containers, or with no NAME the whole host, out of automatic and fleet restarts: restart"
                + " --stale, restart of named containers, the apt hook's restart and rootfleet patch leave them alone"
                + " and report them as \"held, not restarted\" (restart --include-held overrides it). Apply and reconcile"
                + " still start, stop and change them as the desired state asks. Kept in HOME/holds.json with who held"
                + " them, when and why; status shows them; rootfleet-agent unhold ends a hold. Holding again replaces"
                + " the reason.",
        footer = "%nExamples:%n  rootfleet-agent hold db-1 --reason 'schema migration until Friday'%n"
                + "  rootfleet-agent hold --reason 'kernel test on this host'%n")
final class HoldCommand implements AgentCommand, Audited {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Containers to hold; none holds the whole host.")
    List<String> names = new ArrayList<>();

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for whoever finds it held.")
    String reason;

    @Mixin
    LockTimeoutOption lockTimeout;

    private AuditEntry.Changes changes;

    @Override
    public ExitStatus run() {
        List<ContainerName> held = NameArguments.parse(names);
        if (reason.isBlank()) {
            throw new InvalidInputException(Location.of("--reason"), "give a reason: whoever finds it held needs to know why");
        }
        AgentHome home = AgentContext.forHome(parent.options.home).home();
        List<Problem> unknown = held.stream()
                .filter(n -> !Files.isDirectory(home.containerDir(n), LinkOption.NOFOLLOW_LINKS))
                .map(n -> new Problem(Location.of(n.value()), "no such container in " + home.containers()
                        + "; `rootfleet-agent status` lists them"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
        Hold hold = new Hold(reason.strip(), Actor.current().describe(), AuditLines.time(Instant.now()));
        try (HostLock lock = HostLock.acquire(home.lockFile(), lockTimeout.duration())) {
            new HoldStore(home).update(h -> h.hold(held, hold));
        }
        changes = new AuditEntry.Changes(null, null, null, null, null, null, null, held.isEmpty() ? List.of("host")
                : held.stream().map(ContainerName::value).toList(), null, null);
        PrintWriter out = spec.commandLine().getOut();
        if (held.isEmpty()) {
            out.println("held the whole host: " + hold.describe());
        } else {
            held.forEach(n -> out.println("held " + n.value() + ": " + hold.describe()));
        }
        out.flush();
        return ExitStatus.OK;
    }

    @Override
    public Optional<AuditEntry.Changes> auditChanges() {
        return Optional.ofNullable(changes);
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitStatus.helpText(Map.of(ExitStatus.OK, "held",
                ExitStatus.INVALID_INPUT, "no reason, or no such container: nothing was changed",
                ExitStatus.INTERNAL, "the holds could not be read or written",
                ExitStatus.BUSY, BUSY));
    }
}
