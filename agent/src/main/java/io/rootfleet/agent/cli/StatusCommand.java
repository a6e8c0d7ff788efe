package io.rootfleet.agent.cli;

import io.rootfleet.agent.inspect.HostStatus;
import io.rootfleet.agent.inspect.StatusInspector;
import io.rootfleet.agent.inspect.StatusText;
import io.rootfleet.agent.report.Json;
import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "status", description = "List every managed container: desired and actual state, init PID,"
        + " disk used by its own layer, whether it runs files the host has replaced since it started (STALE; details"
        + " with rootfleet-agent stale), whether it matches the desired state, and the host system files its own layer"
        + " hides (other than the files its definition writes).")
final class StatusCommand implements AgentCommand {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Option(names = "--json", description = "Write JSON (apiVersion, containers) instead of a table.")
    boolean json;

    @Override
    public ExitStatus run() {
        AgentContext context = AgentContext.forHome(parent.options.home);
        HostStatus status = new StatusInspector(context.engine()).inspect();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(status));
        } else {
            StatusText.print(status, context.home().dir(), out);
        }
        out.flush();
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitCodeHelp.readOnly("listed (whatever state the containers are in)", "invalid options");
    }
}
