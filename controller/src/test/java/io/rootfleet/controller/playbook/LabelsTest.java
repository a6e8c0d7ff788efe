package io.rootfleet.controller.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Host, group and profile names: one rule, each message naming its kind. */
class LabelsTest {
    private static final String RULE = " is not valid; use 1 to 63 lowercase letters, digits and '-', starting and ending"
            + " with a letter or digit";

    @Test
    void labels_keepTheirText() {
        assertThat(new HostLabel("web-a").value()).isEqualTo("web-a");
        assertThat(new GroupLabel("eu")).hasToString("eu");
        assertThat(new ProfileLabel("big-one")).isEqualTo(new ProfileLabel("big-one"));
    }

    @Test
    void labels_refuseOtherText_namingTheirKind() {
        assertThatThrownBy(() -> new HostLabel("Web_B")).hasMessage("host name 'Web_B'" + RULE);
        assertThatThrownBy(() -> new GroupLabel("-eu")).hasMessage("group name '-eu'" + RULE);
        assertThatThrownBy(() -> new ProfileLabel("big\none")).hasMessage("profile name 'big?one'" + RULE);
    }
}
