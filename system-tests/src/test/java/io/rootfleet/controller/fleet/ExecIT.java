package io.rootfleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.controller.cli.RootfleetCli;
import io.rootfleet.controller.ssh.SshdExtension;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rootfleet exec} over SSH and with {@code connection: local}: standard input reaches the command, which
 * runs in the container's {@code /} (or {@code --cwd}), never in the controller's working directory.
 */
class ExecIT {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension(1);

    @RegisterExtension
    final SimulatedFleet fleet = new SimulatedFleet();

    @Test
    void exec_passesStandardInput_andRunsInTheContainersRoot_overSshAndLocally() {
        Path playbook = fleet.write("exec.yml", "apiVersion: rootfleet/v1\nhosts:\n"
                + fleet.sshHost("remote", SSHD.harness(), 0) + fleet.localHost("here") + SimulatedFleet.CONTAINER_DEFAULTS
                + "containers:\n  - {name: " + fleet.name("c") + ", hosts: [remote, here]}\n");
        fleet.applyInThisJvm(playbook);

        for (String host : List.of("remote", "here")) {
            String target = host + "/" + fleet.name("c");
            // standard input passes through and ends (cat returns), the command starts in the container's / (the
            // controller's working directory exists in the container too: it must not start there), its exit code
            // comes back
            assertThat(System.getProperty("user.dir")).startsWith("/");
            assertThat(exec("hi\nthere\n", playbook, target, "sh", "-c", "pwd; cat; exit 3")).as(host)
                    .isEqualTo(new Run(3, "/\nhi\nthere\n", ""));
            assertThat(exec("", playbook, "--cwd", "/etc", target, "pwd")).as(host).isEqualTo(new Run(0, "/etc\n", ""));
        }
    }

    private record Run(int exit, String out, String err) {}

    /** {@code rootfleet exec [OPTIONS] PLAYBOOK TARGET -- CMD...} in this JVM, with {@code stdin} as its input. */
    private Run exec(String stdin, Path playbook, String... rest) {
        List<String> args = new ArrayList<>(List.of("exec", "--known-hosts", knownHosts(), playbook.toString()));
        int command = rest[0].startsWith("--") ? 3 : 1;
        args.addAll(List.of(rest).subList(0, command));
        args.add("--");
        args.addAll(List.of(rest).subList(command, rest.length));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RootfleetCli.run(args.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String knownHosts() {
        return SSHD.harness().knownHosts().toString();
    }
}
