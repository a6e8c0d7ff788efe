package io.rootfleet.agent.boot;

import io.rootfleet.model.AbsolutePath;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The systemd unit that runs {@code rootfleet-agent reconcile} at boot, rendered for one launcher and one
 * agent home. Its first line is a marker, so uninstall removes only a unit this agent wrote.
 */
public record BootUnit(AbsolutePath launcher, AbsolutePath home) {
    public static final String NAME = "rootfleet-agent.service";
    /** Where units go, below the root systemctl works on. */
    public static final Path UNIT_DIR = Path.of("etc/systemd/system");
    private static final String MARKER = "# Written by 'rootfleet-agent boot install'; 'rootfleet-agent boot uninstall' removes it.";
    /** Nothing systemd would unquote or expand ('%' is a specifier, '$' a variable, spaces split). */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._+,:@=/-]+");

    public BootUnit {
        for (AbsolutePath path : new AbsolutePath[] {launcher, home}) {
            if (!SAFE.matcher(path.value()).matches()) {
                throw new IllegalArgumentException("'" + path.value() + "' has characters a systemd unit would"
                        + " interpret; use a path of letters, digits and . _ + , : @ = - /");
            }
        }
    }

    public String render() {
        return MARKER + "\n"
                + "[Unit]\n"
                + "Description=rootfleet: shared root, mask layers and autostart containers after boot\n"
                + "After=local-fs.target network-online.target lxc-net.service\n"
                + "Wants=network-online.target\n"
                + "RequiresMountsFor=" + home.value() + "\n"
                + "\n"
                + "[Service]\n"
                + "Type=oneshot\n"
                + "RemainAfterExit=yes\n"
                + "ExecStart=" + launcher.value() + " --home " + home.value() + " reconcile\n"
                + "TimeoutStartSec=30min\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=multi-user.target\n";
    }

    /** True when {@code content} is a unit this agent wrote. */
    public static boolean isOurs(String content) {
        return content.startsWith(MARKER + "\n");
    }
}
