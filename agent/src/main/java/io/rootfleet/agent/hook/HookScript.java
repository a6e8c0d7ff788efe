package io.rootfleet.agent.hook;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.MessageText;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one shell line apt and dpkg run after they changed packages. It is made of checked absolute paths
 * only, each single-quoted, so it stays a fixed, harmless command; it does nothing when the agent or its
 * containers are gone, logs everything to the home's hook.log (created 0600), bounds the agent's start, and exits 0
 * whatever happens: a failing Post-Invoke hook would make apt report an error for an upgrade that worked.
 */
public record HookScript(AbsolutePath agent, AbsolutePath home, RestartFlags restart) {
    /** How long {@code hook run} may take before the shell gives up on it; it normally returns in a second. */
    static final int RUN_TIMEOUT_SECONDS = 60;
    /**
     * What a path in the line may contain: nothing the shell, apt's config parser (which reads '%xx' and ends
     * strings at '"') or dpkg's would read specially.
     */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._+,:@=/-]+");
    /** What a restart flag may be: an option name, or a count or percentage ({@link HookFile} encodes the '%'). */
    private static final Pattern FLAG = Pattern.compile("--[a-z-]+|[0-9]+%?");

    public HookScript {
        check("--agent", agent);
        check("--home", home);
    }

    /** Checks the paths as the user typed them; problems name the option. */
    public static HookScript of(String agent, Path home, RestartFlags restart) {
        return new HookScript(absolute("--agent", agent), absolute("--home", home.toString()), restart);
    }

    private static AbsolutePath absolute(String option, String value) {
        try {
            return new AbsolutePath(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Location.of(option), e.getMessage());
        }
    }

    private static void check(String option, AbsolutePath path) {
        if (path.isRoot()) {
            throw new InvalidInputException(Location.of(option), "'/' is not a file; give the full path");
        }
        if (!SAFE.matcher(path.value()).matches()) {
            throw new InvalidInputException(Location.of(option), "'" + MessageText.printable(path.value())
                    + "' has characters the hook's command line does not take; use a path made of letters, digits"
                    + " and . _ + , : @ = - / only (e.g. a symlink to it)");
        }
    }

    public Path log() {
        return new AgentHome(Path.of(home.value())).hookLog();
    }

    /** What apt and dpkg run, through {@code sh -c}. */
    public String shellLine() {
        String log = quote(log().toString());
        List<String> run = new ArrayList<>(List.of("timeout", String.valueOf(RUN_TIMEOUT_SECONDS), quote(agent.value()),
                "--home", quote(home.value()), "hook", "run", "--agent", quote(agent.value())));
        for (String flag : restart.argv()) {
            if (!FLAG.matcher(flag).matches()) {
                throw new IllegalStateException("a hook argument the shell line does not take: " + flag);
            }
            run.add(quote(flag));
        }
        // HOME/containers, not HOME: inside a container (which sees the host's /etc, so runs this too) the agent home
        // is masked by an empty directory
        String containers = quote(new AgentHome(Path.of(home.value())).containers().toString());
        return "umask 077; [ -x " + quote(agent.value()) + " ] && [ -d " + containers + " ] || exit 0; "
                + String.join(" ", run) + " </dev/null >>" + log + " 2>&1"
                + " || { rc=$?; echo $(date -Iseconds) rootfleet-agent hook run failed with exit $rc >>" + log + " 2>&1; };"
                + " exit 0";
    }

    /** Single quotes; the values never contain one (see {@link #SAFE} and {@link #FLAG}). */
    private static String quote(String value) {
        if (value.contains("'")) {
            throw new IllegalStateException("a quote in a hook argument: " + value);
        }
        return "'" + value + "'";
    }
}
