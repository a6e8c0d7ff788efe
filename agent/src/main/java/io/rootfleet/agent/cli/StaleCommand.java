package io.rootfleet.agent.cli;

import io.rootfleet.agent.packages.DpkgRecords;
import io.rootfleet.agent.report.Json;
import io.rootfleet.agent.report.StaleText;
import io.rootfleet.agent.stale.StaleScanner;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.StaleReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "stale",
        description = {
            "Show which running containers still run programs or libraries the host has replaced or removed since"
                    + " they started (a restart would give them the new ones), with the files, inodes and processes;"
                    + " the host packages changed since each started; and the host system files each container's"
                    + " own layer hides (host updates never reach those).",
            "Each stale file is attributed to the host package that owns it (dpkg's file lists) with the version"
                    + " the container still runs (the dpkg log since it started) and the installed one (dpkg's"
                    + " status), and the CVE ids the package's Debian changelog names between the two; the"
                    + " containers are then grouped by package change.",
            "Read-only: takes no lock. Not detected: files read at start and closed (scripts, configuration),"
                    + " libraries not loaded yet, data files mapped without execute permission, files on bind"
                    + " mounts, processes in nested PID namespaces; the changed host packages are the hint for"
                    + " those."})
final class StaleCommand implements AgentCommand {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentCli parent;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these containers (default: every managed one).")
    List<String> names = new ArrayList<>();

    @Option(names = "--json", description = "Write one JSON document (apiVersion, millis, containers, packages) instead"
            + " of text.")
    boolean json;

    @Option(names = "--dpkg-log", paramLabel = "FILE", hidden = true,
            description = "Read the host's package changes from FILE (repeatable, oldest first) instead of"
                    + " /var/log/dpkg.log.1 and /var/log/dpkg.log; for tests.")
    List<Path> dpkgLogs = new ArrayList<>();

    @Option(names = "--dpkg-admin-dir", paramLabel = "DIR", hidden = true, description = "dpkg's database (default: /var/lib/dpkg).")
    Path dpkgAdminDir = Path.of("/var/lib/dpkg");

    @Option(names = "--doc-dir", paramLabel = "DIR", hidden = true, description = "Where packages keep their changelogs"
            + " (default: /usr/share/doc).")
    Path docDir = Path.of("/usr/share/doc");

    @Override
    public ExitStatus run() {
        Set<ContainerName> only = new LinkedHashSet<>(NameArguments.parse(names));
        AgentContext context = AgentContext.forHome(parent.options.home);
        StaleReport report = new StaleScanner(context.engine(),
                dpkgLogs.isEmpty() ? StaleScanner.systemDpkgLogs() : dpkgLogs, new DpkgRecords(dpkgAdminDir, docDir)).scan(only);
        Set<String> found = report.containers().stream().map(StaleReport.Container::name).collect(Collectors.toSet());
        List<String> unknown = only.stream().map(ContainerName::value).filter(n -> !found.contains(n)).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (!unknown.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("rootfleet-agent: no container " + unknown.stream().map(n -> "'" + n + "'")
                    .collect(Collectors.joining(", ")) + " managed in " + context.home().dir()
                    + "; run rootfleet-agent status to list the managed ones");
            err.flush();
            return ExitStatus.INVALID_INPUT;
        }
        if (json) {
            out.println(Json.write(report));
        } else if (report.containers().isEmpty()) {
            out.println("No containers managed in " + context.home().dir() + ".");
        } else {
            new StaleText(ZoneId.systemDefault()).print(report, out);
        }
        out.flush();
        return ExitStatus.OK;
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitCodeHelp.readOnly("the scan worked, whether or not a container is stale",
                "a NAME is not a managed container");
    }
}
