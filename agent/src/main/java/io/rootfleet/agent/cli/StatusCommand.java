package io.rootfleet.agent.cli;

import io.rootfleet.agent.inspect.HostStatus;
import io.rootfleet.agent.inspect.StatusInspector;
import io.rootfleet.agent.inspect.StatusText;
import io.rootfleet.agent.lxc.PrivilegePolicy;
import io.rootfleet.agent.report.Json;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "status", description = "List every managed container: desired and actual state,"
        + " HEALTH (what its last health check said while it runs as now: healthy, unhealthy, starting while a check"
        + " is under way, - when not running, without a check or not checked since its start), init PID,"
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

    @Option(names = "--health", description = "Run the health checks of the running containers now (each as declared,"
            + " with its retries; in parallel) and record them, instead of showing the last ones apply, reconcile,"
            + " restart or an earlier --health made.")
    boolean health;

    @Option(names = "--parallel", paramLabel = "N", description = "With --health, checks run at once (default: ${DEFAULT-VALUE}).")
    int parallel = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    @Option(names = "--plan", paramLabel = "FILE|-", description = "With --json, also plan the desired state in FILE"
            + " ('-' reads standard input) against these containers as apply --check does, and list it (plan); the"
            + " controller's status asks for it, so one agent run answers both. Changes nothing.")
    String plan;

    @Override
    public ExitStatus run() throws IOException {
        if (parallel < 1) {
            throw new InvalidInputException(Location.of("--parallel"), "--parallel must be at least 1");
        }
        if (plan != null && !json) {
            throw new InvalidInputException(Location.of("--plan"), "--plan needs --json; for a plan as text, run apply --check");
        }
        DesiredState desired = plan == null ? null : DesiredInput.read(plan);
        AgentContext context = AgentContext.forHome(parent.options.home);
        if (desired != null) {
            PrivilegePolicy.check(desired, context.engine().facts(), DesiredInput.source(plan));
        }
        HostStatus status = new StatusInspector(context.engine()).inspect(health, parallel, Optional.ofNullable(desired));
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
        return ExitCodeHelp.readOnly("listed (whatever state the containers are in)",
                "invalid options, or with --plan a desired state that is not valid");
    }
}
