package io.rootfleet.agent.hook;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two configuration files that run the hook: apt's {@code DPkg::Post-Invoke} (after each apt run that
 * called dpkg) and dpkg's own {@code post-invoke} (after every dpkg run, also a plain {@code dpkg -i}). Under
 * apt both fire, dpkg's once per dpkg call; the hook's debounce folds them into one restart. Each file starts
 * with a marker line, so uninstall removes only files this agent wrote.
 */
public enum HookFile {
    APT("apt", Path.of("/etc/apt/apt.conf.d"), "//"),
    DPKG("dpkg", Path.of("/etc/dpkg/dpkg.cfg.d"), "#");

    /** The file's name in either directory; both read their files in name order. */
    public static final String NAME = "50rootfleet";
    private static final String MARKER = "Written by 'rootfleet-agent hook install'; 'rootfleet-agent hook uninstall' removes it.";
    private static final Pattern HOME = Pattern.compile("--home '([^']*)'");

    private final String label;
    private final Path defaultDir;
    private final String comment;

    HookFile(String label, Path defaultDir, String comment) {
        this.label = label;
        this.defaultDir = defaultDir;
        this.comment = comment;
    }

    public String label() {
        return label;
    }

    public Path defaultDir() {
        return defaultDir;
    }

    public Path in(Path dir) {
        return dir.resolve(NAME);
    }

    public String render(HookScript script) {
        String header = comment + " " + MARKER + "\n"
                + comment + " After packages change, rootfleet restarts the containers still running replaced files.\n"
                + comment + " It never makes " + label + " fail; what it does is logged to " + script.log() + ".\n";
        return switch (this) {
            // apt decodes %xx in its strings: a literal '%' (in --batch 25%) is written %25
            case APT -> header + "DPkg::Post-Invoke { \"" + script.shellLine().replace("%", "%25") + "\"; };\n";
            case DPKG -> header + "post-invoke=" + script.shellLine() + "\n";
        };
    }

    /** True when {@code content} is a file this agent wrote: its first line is the marker. */
    public boolean isOurs(String content) {
        return content.startsWith(comment + " " + MARKER + "\n");
    }

    /** The agent home a file of ours runs the hook for, as written in its command line. */
    public Optional<String> homeOf(String content) {
        Matcher m = HOME.matcher(content);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
