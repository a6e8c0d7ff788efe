package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.sys.CommonsExecRunner;
import io.rootfleet.agent.sys.ProcessResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row g of the threat model: a local unprivileged user ({@code nobody}, through setpriv) read desired.json
 * (env values may be secrets) and took a lock on the world-readable agent.lock, which blocked apply, restart
 * and the apt hook. The home is root's alone now: 0700, its files 0600, and a looser existing home is tightened.
 */
class HomePrivacyIT {
    private TestHome t;

    @BeforeEach
    void setUp() {
        t = new TestHome();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private String state(String name) {
        return """
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    state: stopped
                    init: [/bin/sleep, infinity]
                    env: {DB_PASSWORD: hunter2}
                """.formatted(name);
    }

    /** Runs {@code argv} as nobody:nogroup with no supplementary groups, as a local attacker would. */
    private static ProcessResult asNobody(String... argv) {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        command.addAll(List.of(argv));
        return new CommonsExecRunner().run(command, Duration.ofSeconds(10));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void nobody_cannotReadTheStateNorTakeTheLock() throws Exception {
        String name = t.name("secret");
        TestHome.Run run = t.apply(state(name));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        assertThat(mode(t.dir)).isEqualTo("rwx------");
        assertThat(mode(t.home.desiredFile())).isEqualTo("rw-------");
        assertThat(mode(t.home.lockFile())).isEqualTo("rw-------");
        assertThat(mode(t.home.appliedSpec(new io.rootfleet.model.ContainerName(name)))).isEqualTo("rw-------");

        ProcessResult read = asNobody("cat", t.home.desiredFile().toString());
        assertThat(read.exitCode()).isNotZero();
        assertThat(read.stdout()).doesNotContain("hunter2");
        assertThat(read.stderr()).contains("Permission denied");

        ProcessResult lock = asNobody("flock", "--shared", "--nonblock", t.home.lockFile().toString(), "true");
        assertThat(lock.exitCode()).isNotZero();
        assertThat(lock.stderr()).contains("Permission denied");
    }

    @Test
    void looserExistingHome_isTightenedBeforeAnythingIsWritten() throws Exception {
        // What an older agent left: home 0755, state and lock world-readable.
        Files.createDirectories(t.dir);
        Files.setPosixFilePermissions(t.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(t.home.desiredFile(), "{\"apiVersion\": \"rootfleet/v1\", \"containers\": []}\n");
        Files.setPosixFilePermissions(t.home.desiredFile(), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(t.home.lockFile(), "");
        Files.setPosixFilePermissions(t.home.lockFile(), PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.writeString(t.home.hookLog(), "old line\n");
        Files.setPosixFilePermissions(t.home.hookLog(), PosixFilePermissions.fromString("rw-r--r--"));

        TestHome.Run run = t.apply(state(t.name("tight")));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(mode(t.dir)).isEqualTo("rwx------");
        assertThat(mode(t.home.desiredFile())).isEqualTo("rw-------");
        assertThat(mode(t.home.lockFile())).isEqualTo("rw-------");
        assertThat(mode(t.home.hookLog())).isEqualTo("rw-------");
        assertThat(asNobody("ls", t.dir.toString()).exitCode()).isNotZero();
    }
}
