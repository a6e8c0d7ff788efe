package io.rootfleet.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HookFileTest {
    private static final HookScript SCRIPT = HookScript.of("/usr/local/bin/rootfleet-agent", Path.of("/var/lib/rootfleet"),
            RestartFlags.of("25%", null));

    @Test
    void apt_postInvokeWithMarkerAndPercentEncoded() {
        String apt = HookFile.APT.render(SCRIPT);
        assertThat(apt).isEqualTo("""
                // Written by 'rootfleet-agent hook install'; 'rootfleet-agent hook uninstall' removes it.
                // After packages change, rootfleet restarts the containers still running replaced files.
                // It never makes apt fail; what it does is logged to /var/lib/rootfleet/hook.log.
                DPkg::Post-Invoke { "%s"; };
                """.formatted(SCRIPT.shellLine().replace("%", "%25")));
        assertThat(apt).contains("'--batch' '25%25'").doesNotContain("//'").doesNotContain("\\");
        assertThat(SCRIPT.shellLine()).doesNotContain("\"");
    }

    @Test
    void dpkg_postInvokeLineVerbatim() {
        assertThat(HookFile.DPKG.render(SCRIPT)).isEqualTo("""
                # Written by 'rootfleet-agent hook install'; 'rootfleet-agent hook uninstall' removes it.
                # After packages change, rootfleet restarts the containers still running replaced files.
                # It never makes dpkg fail; what it does is logged to /var/lib/rootfleet/hook.log.
                post-invoke=%s
                """.formatted(SCRIPT.shellLine()));
    }

    @Test
    void isOurs_onlyWithTheMarkerOnTheFirstLine() {
        assertThat(HookFile.APT.isOurs(HookFile.APT.render(SCRIPT))).isTrue();
        assertThat(HookFile.DPKG.isOurs(HookFile.DPKG.render(SCRIPT))).isTrue();
        assertThat(HookFile.APT.isOurs(HookFile.DPKG.render(SCRIPT))).as("a dpkg file in apt's place").isFalse();
        assertThat(HookFile.APT.isOurs("DPkg::Post-Invoke { \"needrestart\"; };\n")).isFalse();
        assertThat(HookFile.APT.isOurs("// local tweaks\n" + HookFile.APT.render(SCRIPT))).isFalse();
    }

    @Test
    void homeOf_readsTheHomeBack() {
        assertThat(HookFile.APT.homeOf(HookFile.APT.render(SCRIPT))).contains("/var/lib/rootfleet");
        assertThat(HookFile.DPKG.homeOf("post-invoke=true\n")).isEmpty();
    }
}
