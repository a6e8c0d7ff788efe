package io.rootfleet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.StopPolicy;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * status's HEALTH on real containers (issue 10, point 1): the last check apply made, a check run now with
 * --health, and nothing claimed about a run of the container that was never checked.
 */
class StatusHealthIT {
    private TestHome t;

    @BeforeEach
    void setUp() {
        t = new TestHome();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    /** The status row of {@code name}, words separated by single spaces. */
    private String row(String name, String... flags) {
        String[] args = new String[flags.length + 1];
        args[0] = "status";
        System.arraycopy(flags, 0, args, 1, flags.length);
        TestHome.Run run = t.agent(args);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return run.out().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow().replaceAll(" +", " ");
    }

    private static String yamlOf(String web, String plain) {
        return """
                apiVersion: rootfleet/v1
                containers:
                  - name: %s
                    init: [/usr/bin/sleep, infinity]
                    stop: {timeout: 0}
                    health: {command: [/usr/bin/test, -e, /tmp/ready], timeout: 2s, retries: 1, interval: 0}
                  - {name: %s, init: [/usr/bin/sleep, infinity], stop: {timeout: 0}}
                """.formatted(web, plain);
    }

    @Test
    void failingCheck_showsUnhealthy_thenHealthyOnceFixed_andADashForAnUncheckedRun() throws Exception {
        String web = t.name("rf-h10a-web");
        String plain = t.name("rf-h10a-plain");
        TestHome.Run applied = t.apply(yamlOf(web, plain));
        assertThat(applied.exit()).as(applied.out() + applied.err()).isEqualTo(1);

        assertThat(row(web)).startsWith(web + " started RUNNING unhealthy ");
        assertThat(row(plain)).startsWith(plain + " started RUNNING - ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(t.home.health(new ContainerName(web)))))
                .isEqualTo("rw-------");

        // fixed by hand: the last check still says unhealthy until a check runs
        assertThat(t.exec(web, "/usr/bin/touch", "/tmp/ready").succeeded()).isTrue();
        assertThat(row(web)).contains(" unhealthy ");
        assertThat(row(web, "--health")).startsWith(web + " started RUNNING healthy ");
        assertThat(row(web)).contains(" healthy ");
        TestHome.Run json = t.agent("status", "--json");
        assertThat(json.out()).contains("\"name\":\"" + web + "\"").contains("\"health\":\"healthy\"")
                .contains("\"health\":\"-\"");

        // stopped behind the agent's back: no health while not running; apply starts it and checks it again
        t.lxc.stop(new ContainerName(web), new StopPolicy("SIGKILL", 0));
        assertThat(row(web)).startsWith(web + " started STOPPED - ");
        TestHome.Run again = t.apply(yamlOf(web, plain));
        assertThat(row(web)).startsWith(web + " started RUNNING " + (again.exit() == 0 ? "healthy " : "unhealthy "));
    }
}
