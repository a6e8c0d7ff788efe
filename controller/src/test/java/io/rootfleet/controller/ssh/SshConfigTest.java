package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshConfigTest {
    private static final String CONFIG = """
            # fleet
            Host web-? !web-9
                HostName %h.fra1.example.org
                User deploy
            Host web-*
                Port 2222
                User ignored-second
                IdentityFile ~/.ssh/web
            Match host *.fra1.example.org
                ProxyJump admin@bastion:2200
                ConnectTimeout 4
            Host bastion
                HostName 192.0.2.1
                ForwardAgent yes
            Host *
                IdentityFile ~/.ssh/id_fleet
                ServerAliveInterval=30
                StrictHostKeyChecking no
            """;

    private final SshConfig config = SshConfig.parse(CONFIG, "config");

    @Test
    void lookup_takesTheFirstValueOfEachOptionInFileOrder() {
        HostOptions web1 = config.lookup("web-1", Optional.empty());

        assertThat(web1.hostName()).contains("%h.fra1.example.org");
        assertThat(web1.user()).contains("deploy");
        assertThat(web1.port()).hasValue(2222);
        assertThat(web1.identityFiles()).containsExactly("~/.ssh/web", "~/.ssh/id_fleet");
        assertThat(web1.serverAliveInterval()).contains(Duration.ofSeconds(30));
    }

    @Test
    void lookup_negatedPatternExcludesAHost() {
        HostOptions web9 = config.lookup("web-9", Optional.empty());

        assertThat(web9.hostName()).isEmpty();
        assertThat(web9.user()).contains("ignored-second");
        assertThat(web9.proxyJump()).isEmpty();
    }

    @Test
    void lookup_matchHostSeesTheHostNameSetBefore() {
        assertThat(config.lookup("web-1", Optional.empty()).proxyJump()).contains("admin@bastion:2200");
        assertThat(config.lookup("web-1", Optional.empty()).connectTimeout()).contains(Duration.ofSeconds(4));
        assertThat(config.lookup("db-1.fra1.example.org", Optional.empty()).proxyJump()).contains("admin@bastion:2200");
        assertThat(config.lookup("db-1", Optional.empty()).proxyJump()).isEmpty();
    }

    @Test
    void lookup_namesOptionsItDoesNotHonour() {
        assertThat(config.lookup("bastion", Optional.empty()).notHonoured())
                .containsExactly("ForwardAgent (config:14)", "StrictHostKeyChecking (config:18)");
        assertThat(config.lookup("web-1", Optional.empty()).notHonoured())
                .containsExactly("StrictHostKeyChecking (config:18)");
    }

    @Test
    void lookup_matchCriteria() {
        SshConfig match = SshConfig.parse("""
                Match originalhost db-* !user admin
                    Port 2201
                Match user admin
                    Port 2202
                Match exec "true"
                    Port 2203
                Match all
                    Port 2204
                """, "m");

        assertThat(match.lookup("db-1", Optional.of("root")).port()).hasValue(2201);
        assertThat(match.lookup("db-1", Optional.of("admin")).port()).hasValue(2202);
        assertThat(match.lookup("x", Optional.empty()).port()).hasValue(2204);
        assertThat(match.lookup("x", Optional.empty()).notHonoured()).containsExactly("Match exec (m:5)");
    }

    @Test
    void parse_keywordsAreCaseInsensitiveAndValuesMayBeQuoted() {
        SshConfig quoted = SshConfig.parse("HOST a\n  identityfile \"/keys/my key\"\n  hostname=10.0.0.5\n", "q");

        assertThat(quoted.lookup("a", Optional.empty()).identityFiles()).containsExactly("/keys/my key");
        assertThat(quoted.lookup("a", Optional.empty()).hostName()).contains("10.0.0.5");
        assertThat(quoted.lookup("b", Optional.empty()).hostName()).isEmpty();
    }

    @Test
    void parse_refusesValuesItCannotUseWithFileAndLine() {
        assertThatThrownBy(() -> SshConfig.parse("Host a\n  Port ssh\n", "c")).hasMessage(
                "c:2: Port 'ssh' is not a whole number");
        assertThatThrownBy(() -> SshConfig.parse("Host a\n  Port 70000\n", "c")).hasMessage(
                "c:2: Port '70000' is not a port from 1 to 65535");
        assertThatThrownBy(() -> SshConfig.parse("Host a\n  IdentitiesOnly maybe\n", "c")).hasMessage(
                "c:2: IdentitiesOnly 'maybe' is not yes or no");
        assertThatThrownBy(() -> SshConfig.parse("Host\n", "c")).hasMessage(
                "c:1: Host needs at least one pattern, e.g. Host web-*");
        assertThatThrownBy(() -> SshConfig.parse("Host a\n  User\n", "c")).hasMessage("c:2: User has no value");
        assertThatThrownBy(() -> SshConfig.parse("Host a\n  ProxyJump b:x\n", "c")).hasMessage(
                "c:2: ProxyJump hop 'b:x' is not valid: port 'x' is not a number from 1 to 65535"
                        + " (e.g. admin@bastion.example.org:2222)");
        assertThatThrownBy(() -> SshConfig.parse("IdentityFile \"/a\n", "c")).hasMessage(
                "c:1: a double quote is not closed");
    }

    @Test
    void hostPatterns_globAndNegation() {
        assertThat(HostPatterns.glob("web-*", "web-01")).isTrue();
        assertThat(HostPatterns.glob("web-?", "web-01")).isFalse();
        assertThat(HostPatterns.glob("*.example.*", "a.example.org")).isTrue();
        assertThat(HostPatterns.glob("*", "")).isTrue();
        assertThat(HostPatterns.matchesAny(java.util.List.of("!db-*"), "web-1")).isFalse();
        assertThat(HostPatterns.matchesAny(java.util.List.of("*", "!db-*"), "db-1")).isFalse();
        assertThat(HostPatterns.matchesAny(java.util.List.of("WEB-1"), "web-1")).isTrue();
    }

    @Test
    void jumpHosts_parseEveryForm() {
        assertThat(JumpHosts.parse("a, admin@b:2222,ssh://c@[::1]:22,[fe80::1]", "x").stream().map(Object::toString))
                .containsExactly("a", "admin@b:2222", "c@[::1]:22", "[fe80::1]");
    }
}
