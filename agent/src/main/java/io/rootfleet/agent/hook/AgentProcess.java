package io.rootfleet.agent.hook;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.AbsolutePath;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This agent's own CLI run as a new process through its launcher, {@code LAUNCHER --home HOME ARGS...}: how
 * the hook hands work to a later step. A new process rather than a call in this JVM, because the hook runs
 * while packages change: a JVM started before the upgrade would go on with the JDK and libc it started with
 * and load the rest from the new ones, and the launcher is also how a reinstalled agent is picked up.
 * Children get a fixed environment (PATH, locale, ROOTFLEET_VIA=hook for the audit log, and the agent's own
 * ROOTFLEET_HOMES_REGISTRY and ROOTFLEET_NO_BUILD when set), none of apt's or dpkg's variables.
 */
public record AgentProcess(AbsolutePath launcher, AgentHome home) {
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** The agent's own settings from the environment, passed on (the tests' homes registry, the launcher's build check). */
    private static final Set<String> OWN_SETTINGS = Set.of("ROOTFLEET_HOMES_REGISTRY", "ROOTFLEET_NO_BUILD");
    /** Where {@code rootfleet bootstrap} installs the launcher by default. */
    static final Path INSTALLED_LAUNCHER = Path.of("/usr/local/bin/rootfleet-agent");

    public ProcessBuilder command(List<String> args) {
        List<String> argv = new ArrayList<>(List.of(launcher.value(), "--home", home.dir().toString()));
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", DEFAULT_PATH);
        Map<String, String> own = new HashMap<>(env);
        own.keySet().retainAll(OWN_SETTINGS);
        env.clear();
        env.putAll(own);
        env.put("PATH", path);
        env.put("LC_ALL", "C.UTF-8");
        env.put("ROOTFLEET_VIA", "hook"); // the audit log names the hook as who restarted (agent.audit.Actor)
        return builder;
    }

    /**
     * Starts {@code args} in a session of its own ({@code setsid}), output appended to {@code log}: it outlives
     * this process and the apt or dpkg that ran it, and no terminal hang-up reaches it.
     */
    public Process startDetached(List<String> args, Path log) throws java.io.IOException {
        ProcessBuilder builder = command(args);
        builder.command().add(0, "setsid");
        return builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * The launcher that runs this agent, when it can be told: a checkout's {@code bin/rootfleet-agent} when
     * this is the jar that checkout built, else the installed {@code /usr/local/bin/rootfleet-agent}.
     */
    public static Optional<Path> runningLauncher() {
        try {
            Path jar = Path.of(AgentProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.getFileName().toString().equals("rootfleet-agent.jar") && jar.getParent() != null
                    && jar.getParent().endsWith(Path.of("agent", "target"))) {
                Path checkoutLauncher = jar.getParent().getParent().getParent().resolve("bin/rootfleet-agent");
                if (Files.isExecutable(checkoutLauncher)) {
                    return Optional.of(checkoutLauncher);
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // not run from a jar on disk: fall back to the installed launcher
        }
        return Files.isExecutable(INSTALLED_LAUNCHER) ? Optional.of(INSTALLED_LAUNCHER) : Optional.empty();
    }
}
