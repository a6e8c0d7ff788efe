package io.rootfleet.agent.sys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/** {@link ProcessRunner} on Apache Commons Exec. */
public final class CommonsExecRunner implements ProcessRunner {
    /** How long to wait for grandchildren (e.g. a daemonised lxc-start monitor) to close the output pipes. */
    private static final Duration PIPE_DRAIN = Duration.ofSeconds(2);

    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
        CommandLine command = new CommandLine(argv.get(0));
        argv.subList(1, argv.size()).forEach(arg -> command.addArgument(arg, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PumpStreamHandler streams = new PumpStreamHandler(out, err);
        streams.setStopTimeout(PIPE_DRAIN);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(streams);
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(command);
        } catch (ExecuteException e) {
            exit = e.getExitValue();
        } catch (IOException e) {
            throw new CommandFailedException("cannot run '" + String.join(" ", argv) + "': " + e.getMessage(), e);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        if (watchdog.killedProcess()) {
            exit = -1;
            stderr = "killed after " + timeout.toSeconds() + "s timeout. " + stderr;
        }
        return new ProcessResult(List.copyOf(argv), exit, out.toString(StandardCharsets.UTF_8), stderr);
    }

    @Override
    public int runInteractive(List<String> argv) {
        try {
            return new ProcessBuilder(argv).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new CommandFailedException("cannot run '" + String.join(" ", argv) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while running '" + String.join(" ", argv) + "'", e);
        }
    }
}
