package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.state.HoldStore;
import io.rootfleet.agent.state.Holds;
import io.rootfleet.agent.state.HostLock;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.PrintWriter;
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

@Command(mixinStandardHelpOptions = true, name = "unhold",
        description = "End holds (rootfleet-agent hold): of the named containers, or with no NAME the whole host's"
                + " (the holds of single containers stay), or with --all every hold. A name that was not held is"
                + " reported, not an error.",
        footer = "%nExamples:%n  rootfleet-agent unhold db-1%n  rootfleet-agent unhold%n  rootfleet-agent unhold --all%n")
final class UnholdCommand implements AgentCommand, Audited {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Containers whose hold ends; none: the host's hold.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "End every hold: the host's and every container's.")
    boolean all;

    @Mixin
    LockTimeoutOption lockTimeout;

    private AuditEntry.Changes changes;

    @Override
    public ExitStatus run() {
        List<ContainerName> unheld = NameArguments.parse(names);
        if (all && !unheld.isEmpty()) {
            throw new InvalidInputException(Location.of("--all"), "give either --all or container names, not both");
        }
        AgentHome home = AgentContext.forHome(parent.options.home).home();
        Holds before;
        try (HostLock lock = HostLock.acquire(home.lockFile(), lockTimeout.duration())) {
            HoldStore store = new HoldStore(home);
            before = store.read();
            store.update(h -> all ? Holds.NONE : h.unhold(unheld));
        }
        List<String> ended = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        if ((all || unheld.isEmpty()) && before.host() != null) {
            ended.add("host");
            out.println("the whole host is no longer held (was: " + before.host().describe() + ")");
        } else if (unheld.isEmpty() && !all) {
            out.println("the whole host was not held" + (before.containers().isEmpty() ? ""
                    : "; held containers stay held: " + String.join(", ", before.containers().keySet().stream()
                            .map(ContainerName::value).toList()) + " (unhold NAME, or --all)"));
        }
        for (ContainerName name : all ? List.copyOf(before.containers().keySet()) : unheld) {
            if (before.containers().containsKey(name)) {
                ended.add(name.value());
                out.println(name.value() + " is no longer held (was: " + before.containers().get(name).describe() + ")");
            } else {
                out.println(name.value() + " was not held" + (before.host() != null ? " (the whole host still is)" : ""));
            }
        }
        out.flush();
        changes = new AuditEntry.Changes(null, null, null, null, null, null, null, null, ended, null);
        return ExitStatus.OK;
    }

    @Override
    public Optional<AuditEntry.Changes> auditChanges() {
        return Optional.ofNullable(changes);
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitStatus.helpText(Map.of(ExitStatus.OK, "the holds asked for are ended (or were not there)",
                ExitStatus.INVALID_INPUT, "invalid options: nothing was changed",
                ExitStatus.INTERNAL, "the holds could not be read or written",
                ExitStatus.BUSY, BUSY));
    }
}
