package io.rootfleet.agent.lxc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import io.rootfleet.model.yaml.InvalidInputException;
import org.junit.jupiter.api.Test;

class PrivilegePolicyTest {
    private static DesiredState state(String fields) {
        return DesiredStateReader.read("apiVersion: rootfleet/v1\ncontainers:\n  - name: web-01\n" + fields, "t.yml");
    }

    @Test
    void privilegedWithoutAppArmor_isRefused_sayingWhy() {
        assertThatThrownBy(() -> PrivilegePolicy.check(state("    privileged: true\n"), new HostFacts(false, false), "t.yml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("container web-01: privileged: true on a host without AppArmor: its root is the"
                        + " host's root: with no AppArmor to stop it, it can mount proc and write the host's sysctls"
                        + " (kernel.core_pattern runs a program of its choosing as the host's root). Drop privileged"
                        + " (containers are unprivileged by default), or add allowPrivilegedWithoutAppArmor: true to"
                        + " accept that risk");
    }

    @Test
    void theSecondOptIn_orAppArmor_orUnprivileged_isAccepted() {
        assertThatCode(() -> PrivilegePolicy.check(state("    privileged: true\n    allowPrivilegedWithoutAppArmor: true\n"),
                new HostFacts(false, false), "t.yml")).doesNotThrowAnyException();
        assertThatCode(() -> PrivilegePolicy.check(state("    privileged: true\n"), new HostFacts(false, true), "t.yml"))
                .doesNotThrowAnyException();
        assertThatCode(() -> PrivilegePolicy.check(state(""), new HostFacts(false, false), "t.yml")).doesNotThrowAnyException();
    }

    @Test
    void theOptInAlone_isAnError() {
        assertThatThrownBy(() -> state("    allowPrivilegedWithoutAppArmor: true\n"))
                .hasMessageContaining("allowPrivilegedWithoutAppArmor only applies to a privileged container");
    }
}
