package io.rootfleet.agent.cli;

import io.rootfleet.agent.capacity.SysctlTree;
import io.rootfleet.agent.capacity.TuneFile;
import io.rootfleet.agent.capacity.Tuner;
import io.rootfleet.model.ExitStatus;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "tune",
        description = "Raise this host's kernel limits to production values for many containers (inotify instances"
                + " and watches, pid_max, key quotas, max_map_count, neighbour tables, aio): write them into "
                + "/etc/sysctl.d/" + TuneFile.NAME + " (only that file, and only when it is absent or this command"
                + " wrote it) and set those the running kernel has lower. No value is ever lowered. apply warns when"
                + " a limit is too low for the containers it will run.")
final class TuneCommand implements AgentCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--check", description = "Show what would change, change nothing.")
    boolean check;

    @Option(names = "--sysctl-dir", paramLabel = "DIR", description = "Where the file goes (default: ${DEFAULT-VALUE}).")
    Path sysctlDir = Tuner.SYSCTL_D;

    @Option(names = "--proc-sys", paramLabel = "DIR", description = "The kernel's parameters (default: ${DEFAULT-VALUE});"
            + " another tree only for tests.")
    Path procSys = SysctlTree.PROC_SYS;

    @Override
    public ExitStatus run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Tuner.Result result = new Tuner(sysctlDir, new SysctlTree(procSys)).tune(check);
            result.lines().forEach(out::println);
            out.flush();
            return ExitStatus.OK;
        } catch (Tuner.ForeignFileException e) {
            err.println("rootfleet-agent: " + e.getMessage());
            err.flush();
            return ExitStatus.FAILED;
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println("rootfleet-agent: " + e.getMessage());
            err.flush();
            return ExitStatus.INTERNAL;
        }
    }

    @Override
    public Map<String, String> exitCodeHelp() {
        return ExitStatus.helpText(Map.of(ExitStatus.OK, "done, or nothing to change (--check: whatever would change)",
                ExitStatus.FAILED, "a file of that name was not written by rootfleet-agent: nothing changed",
                ExitStatus.INVALID_INPUT, "invalid options: nothing changed",
                ExitStatus.INTERNAL, "the file or a kernel parameter could not be written (not root?)"));
    }
}
