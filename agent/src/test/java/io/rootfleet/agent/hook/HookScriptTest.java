package io.rootfleet.agent.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.yaml.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HookScriptTest {
    private static final Path HOME = Path.of("/var/lib/rootfleet");
    private static final String AGENT = "/usr/local/bin/rootfleet-agent";

    @Test
    void shellLine_quotesEveryPath_logsAndAlwaysExitsZero() {
        HookScript script = HookScript.of(AGENT, HOME, RestartFlags.DEFAULT);
        assertThat(script.shellLine()).isEqualTo("umask 077;"
                + " [ -x '/usr/local/bin/rootfleet-agent' ] && [ -d '/var/lib/rootfleet/containers' ] || exit 0;"
                + " timeout 60 '/usr/local/bin/rootfleet-agent' --home '/var/lib/rootfleet' hook run"
                + " --agent '/usr/local/bin/rootfleet-agent' </dev/null >>'/var/lib/rootfleet/hook.log' 2>&1"
                + " || { rc=$?; echo $(date -Iseconds) rootfleet-agent hook run failed with exit $rc"
                + " >>'/var/lib/rootfleet/hook.log' 2>&1; }; exit 0");
    }

    @Test
    void shellLine_carriesTheRestartPolicy() {
        HookScript script = HookScript.of(AGENT, HOME, RestartFlags.of("25%", 1));
        assertThat(script.shellLine()).contains(" hook run --agent '" + AGENT + "' '--batch' '25%' '--max-fail' '1' </dev/null");
    }

    @Test
    void refusesRelativeAndOddPaths() {
        assertRefused("bin/rootfleet-agent", HOME, "--agent: path 'bin/rootfleet-agent' is not absolute");
        assertRefused("/opt/../bin/agent", HOME, "--agent: path '/opt/../bin/agent' contains '..'");
        assertRefused("/", HOME, "--agent: '/' is not a file");
        assertRefused("/opt/it's/agent", HOME, "--agent: '/opt/it's/agent' has characters the hook's command line does not take");
        assertRefused("/opt/a b/agent", HOME, "has characters");
        assertRefused("/opt/$(reboot)/agent", HOME, "has characters");
        assertRefused("/opt/x\"y", HOME, "has characters");
        assertRefused("/opt/100%41/agent", HOME, "has characters");
        assertRefused("/opt/a\nb", HOME, "contains a control character");
        assertRefused(AGENT, Path.of("/var/lib/root fleet"), "--home: '/var/lib/root fleet' has characters");
    }

    @Test
    void restartFlags_refuseWhatIsNotABatchSize() {
        assertThat(RestartFlags.of("2", 1).argv()).containsExactly("--batch", "2", "--max-fail", "1");
        assertThat(RestartFlags.of("100%", null).argv()).containsExactly("--batch", "100%");
        for (String bad : new String[] {"0", "0%", "101%", "-1", "2;reboot", "25 %", ""}) {
            assertThatThrownBy(() -> RestartFlags.of(bad, null)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("--batch: '" + bad + "' is not a batch size");
        }
        assertThat(RestartFlags.of(" 25% ", null).argv()).containsExactly("--batch", "25%");
        assertThatThrownBy(() -> RestartFlags.of(null, 0)).hasMessageStartingWith("--max-fail: 0 is below 1; give 1 or more");
    }

    private static void assertRefused(String agent, Path home, String message) {
        assertThatThrownBy(() -> HookScript.of(agent, home, RestartFlags.DEFAULT)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }
}
