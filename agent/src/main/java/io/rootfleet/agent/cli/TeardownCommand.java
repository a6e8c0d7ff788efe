package io.rootfleet.agent.cli;

import io.rootfleet.agent.audit.AuditEntry;
import io.rootfleet.agent.boot.BootUnitInstaller;
import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.agent.teardown.HomeTeardown;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ExitStatus;
import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "teardown",
        description = "Take away all this agent set up for its home: kill and delete every container (its own layer,"
                + " its data, included), unmount the shared root and mask layers, remove the apt/dpkg hook and the boot"
                + " unit when they were written for this home, and forget the desired state. The home is left with"
                + " nothing mounted under it, or deleted with --purge. Asks first on a terminal; elsewhere it needs --yes.",
        footer = "%nExample: rootfleet-agent --home /var/lib/rootfleet-demo teardown --yes --purge%n")
final class TeardownCommand implements AgentCommand, Audited {

    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Option(names = "--yes", description = "Do not ask: destroy the containers and their data.")
    boolean yes;

    @Option(names = "--purge", description = "Delete the home too, once nothing is mounted under it.")
    boolean purge;

    @Mixin
    LockTimeoutOption lockTimeout;

    @Mixin
    HookFileOptions hookFiles;

    private ChangeRecorder recorder;

    @Mixin
    BootCommand.RootOption root;

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitStatus.helpText(Map.of(
                ExitStatus.OK, "torn down, or nothing to tear down",
                ExitStatus.FAILED, "not confirmed: nothing was changed",
                ExitStatus.INVALID_INPUT, "invalid options, or no terminal to ask on and no --yes: nothing was changed",
                ExitStatus.INTERNAL, "something could not be stopped, unmounted or removed (the rest was done)",
                ExitStatus.BUSY, BUSY));
    }

    @Override
    public Optional<AuditEntry.Changes> auditChanges() {
        return Optional.ofNullable(recorder).map(ChangeRecorder::changes);
    }

    @Override
    public ExitStatus run() {
        AgentContext context = AgentContext.forHome(parent.options.home);
        HomeTeardown teardown = new HomeTeardown(context.home(), context.lxc(), context.engine().kernel(), hookFiles.targets(),
                new BootUnitInstaller(new CommonsExecRunner(), root.root));
        PrintWriter err = spec.commandLine().getErr();
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                err.println("rootfleet-agent: teardown destroys every container of " + context.home().dir() + " with its"
                        + " data; there is no terminal to ask on, so add --yes to go on. Nothing was changed.");
                return ExitStatus.INVALID_INPUT;
            }
            List<ContainerName> containers = teardown.containers();
            String answer = console.readLine("This kills and deletes %d container(s) of %s%s with their data, unmounts"
                    + " its layers and removes its hook and boot unit%s. Go on? [y/N] ", containers.size(),
                    context.home().dir(), containers.isEmpty() ? "" : " (" + String.join(", ",
                            containers.stream().map(ContainerName::value).toList()) + ")",
                    purge ? ", then deletes the home" : "");
            if (answer == null || !answer.strip().toLowerCase().matches("y|yes")) {
                err.println("rootfleet-agent: not confirmed; nothing was changed");
                return ExitStatus.FAILED;
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        recorder = new ChangeRecorder();
        recorder.removed(teardown.containers().stream().map(ContainerName::value).toList());
        teardown.run(purge, lockTimeout.duration()).forEach(out::println);
        out.flush();
        return ExitStatus.OK;
    }
}
