package io.rootfleet.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    void overSsh_withSudo_namesThePersonAndTheClient() {
        Actor actor = Actor.of(Map.of("SSH_CONNECTION", "10.0.0.5 51234 10.0.0.1 22", "SUDO_USER", "alice"), "root");
        assertThat(actor).isEqualTo(new Actor("root", "alice", "10.0.0.5:51234", null));
        assertThat(actor.describe()).isEqualTo("alice (sudo) from 10.0.0.5:51234");
    }

    @Test
    void sshClient_whenThereIsNoSshConnection_andRootLoggedInDirectly() {
        Actor actor = Actor.of(Map.of("SSH_CLIENT", "192.168.1.9 40000 22"), "root");
        assertThat(actor.describe()).isEqualTo("root from 192.168.1.9:40000");
    }

    @Test
    void local_withAndWithoutSudo() {
        assertThat(Actor.of(Map.of(), "root").describe()).isEqualTo("local root");
        assertThat(Actor.of(Map.of("SUDO_USER", "bob"), "root").describe()).isEqualTo("local bob (sudo)");
        assertThat(Actor.of(Map.of("SUDO_USER", "bob"), "ops").describe()).isEqualTo("local bob (sudo as ops)");
        assertThat(Actor.of(Map.of(), "").describe()).isEqualTo("local unknown");
    }

    @Test
    void theHookAndSystemd_areNamedAsWhatStartedIt() {
        assertThat(Actor.of(Map.of(Actor.VIA_VARIABLE, "hook"), "root").describe()).isEqualTo("hook (local root)");
        assertThat(Actor.of(Map.of("INVOCATION_ID", "abc"), "root").describe()).isEqualTo("systemd (local root)");
        // a person in a systemd-run shell over SSH is still that person
        assertThat(Actor.of(Map.of("INVOCATION_ID", "abc", "SSH_CONNECTION", "10.0.0.5 1 10.0.0.1 22"), "root").via()).isNull();
    }
}
