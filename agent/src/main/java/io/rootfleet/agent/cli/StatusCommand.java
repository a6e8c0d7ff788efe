package io.rootfleet.agent.cli;

import io.rootfleet.agent.inspect.StatusInspector;
import io.rootfleet.agent.report.Json;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.report.ContainerStatus;
import io.rootfleet.model.report.Sizes;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "status", description = "List every managed container: desired and actual state, init PID,"
        + " disk used by its own layer, whether it runs files the host has replaced since it started (STALE; details"
        + " with rootfleet-agent stale), whether it matches the desired state, and the host system files its own layer"
        + " hides (other than the files its definition writes).", footer = ExitCodes.HELP)
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Option(names = "--json", description = "Write JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        AgentContext context = AgentContext.forHome(parent.options.home);
        List<ContainerStatus> statuses = new StatusInspector(context.engine()).inspect();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(Map.of("apiVersion", DesiredState.API_VERSION, "containers", statuses)));
        } else if (statuses.isEmpty()) {
            out.println("No containers managed in " + context.home().dir() + ".");
        } else {
            out.printf("%-24s %-9s %-8s %8s %10s  %-5s  %s%n", "NAME", "DESIRED", "STATE", "PID", "OWN-LAYER", "STALE",
                    "IN-SYNC");
            for (ContainerStatus s : statuses) {
                out.printf("%-24s %-9s %-8s %8s %10s  %-5s  %s%n", s.name(), s.desired(), s.state(),
                        s.initPid() == null ? "-" : s.initPid(), Sizes.human(s.upperBytes()),
                        s.stale() == null ? "-" : s.stale() ? "yes" : "no", s.inSync() ? "yes" : "no: " + s.detail());
            }
            for (ContainerStatus s : statuses) {
                if (s.shadowed() != null && !s.shadowed().isEmpty()) {
                    out.println(s.name() + " hides host files: " + s.shadowed().get(0)
                            + (s.shadowed().size() > 1 ? " (+" + (s.shadowed().size() - 1) + " more)" : ""));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
