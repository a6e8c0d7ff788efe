package io.rootfleet.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopPolicyTest {

    @Test
    void defaults_areUsable() {
        assertThat(StopPolicy.FOR_SYSTEM_INIT).isEqualTo(new StopPolicy("SIGRTMIN+3", 30));
        assertThat(StopPolicy.FOR_PLAIN_INIT).isEqualTo(new StopPolicy("SIGTERM", 10));
    }
}
