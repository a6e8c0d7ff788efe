package io.rootfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HidePatternTest {
    @Test
    void aPathOrAPrefixWithAStar() {
        assertThat(new HidePattern("/opt/secret").isWildcard()).isFalse();
        assertThat(new HidePattern("/etc/ssh/ssh_host_*").isWildcard()).isTrue();
        assertThat(new HidePattern("/etc/ssh/*")).hasToString("/etc/ssh/*");
    }

    @Test
    void onlyTheRootItselfHidesEverything() {
        assertThat(new HidePattern("/").hidesEverything()).isTrue();
        assertThat(new HidePattern("/*").hidesEverything()).isFalse();
        assertThat(new HidePattern("/opt").hidesEverything()).isFalse();
    }

    @Test
    void aRelativePathIsRefusedAsAPath() {
        assertThatThrownBy(() -> new HidePattern("opt/secret*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("path 'opt/secret' ");
    }
}
