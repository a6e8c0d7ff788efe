package io.rootfleet.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.state.HealthRecord;
import io.rootfleet.agent.state.StateStore;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.report.ContainerFailure;
import io.rootfleet.model.ContainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one "did it die right after it started?" step, on a fake LXC; the ITs run it on real containers. */
class ConfirmationTest {
    private static final ContainerName ALIVE = new ContainerName("alive");
    private static final ContainerName DEAD = new ContainerName("dead");

    @TempDir
    Path tmp;

    @Test
    void stoppedAfterStart_namesThoseWhoseInitExited_withTheEndOfTheirConsole() throws Exception {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        host.lxc.diesOnStart("dead");
        host.lxc.start(ALIVE, List.of());
        host.lxc.start(DEAD, List.of());
        Files.createDirectories(host.home.consoleLog(DEAD).getParent());
        Files.writeString(host.home.consoleLog(DEAD), "starting\n/srv/app: not found\n");

        Map<ContainerName, String> stopped = host.engine().confirmation().stoppedAfterStart(List.of(ALIVE, DEAD));
        assertThat(stopped).containsOnlyKeys(DEAD);
        assertThat(stopped.get(DEAD))
                .isEqualTo("stopped right after it started; its init exited. Console output: starting | /srv/app: not found");
    }

    @Test
    void unhealthy_withoutHealthChecks_isStoppedAfterStart() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        host.lxc.diesOnStart("dead");
        host.lxc.start(DEAD, List.of());
        assertThat(host.engine().confirmation().unhealthy(List.of(ContainerSpec.of(DEAD, ContainerState.STARTED)), 4))
                .containsOnlyKeys(DEAD);
        assertThat(host.engine().confirmation().stoppedAfterStart(List.of())).isEmpty();
    }

    @Test
    void unhealthy_hostSystemd_failsWhenADeclaredServiceFailed_namingItWithItsJournal() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        host.lxc.unitFails("web", "apache2.service");
        ContainerSpec web = withServices(new ContainerName("web"), List.of("cron.service", "apache2.service"));
        ContainerSpec db = withServices(new ContainerName("db"), List.of("postgresql.service"));
        host.lxc.start(web.name(), List.of());
        host.lxc.start(db.name(), List.of());
        Map<ContainerName, ContainerFailure> failures = host.engine().confirmation().unhealthy(List.of(web, db), 4);
        assertThat(failures).containsOnlyKeys(web.name());
        assertThat(failures.get(web.name()).message()).isEqualTo("started but not healthy: service apache2.service is failed;"
                + " its journal: Starting apache2.service... | apache2.service: exited 1");
    }

    @Test
    void unhealthy_hostSystemdDegradedByAnUndeclaredUnit_isHealthy() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        host.lxc.unitFails("web", "other.service");
        ContainerSpec web = withServices(new ContainerName("web"), List.of("apache2.service"));
        host.lxc.start(web.name(), List.of());
        assertThat(host.engine().confirmation().unhealthy(List.of(web), 4)).isEmpty();
        assertThat(Confirmation.checksHealth(web)).isTrue();
    }

    @Test
    void awaitHealthy_recordsEachResult_withTheInitPidItIsAbout() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        ContainerSpec web = withTcpCheck("web");
        host.lxc.start(web.name(), List.of());
        int pid = host.lxc.state(web.name()).initPid().getAsInt();
        Confirmation confirmation = host.engine().confirmation();
        StateStore store = host.engine().store();
        host.home.containerDir(web.name()).toFile().mkdirs();

        confirmation.awaitHealthy(web);
        assertThat(store.readHealth(web.name())).get()
                .extracting(HealthRecord::health, HealthRecord::initPid, HealthRecord::detail)
                .containsExactly(HealthRecord.Health.HEALTHY, pid, null);

        host.lxc.refusesConnections("web");
        assertThat(confirmation.unhealthy(List.of(web), 4)).containsOnlyKeys(web.name());
        assertThat(store.readHealth(web.name())).get()
                .extracting(HealthRecord::health, HealthRecord::detail)
                .containsExactly(HealthRecord.Health.UNHEALTHY, "health check `tcp port 80` failed 1 time; last: exit 1: Connection refused");

        host.lxc.acceptsConnections("web");
        ContainerSpec api = withTcpCheck("api");
        host.lxc.start(api.name(), List.of());
        host.home.containerDir(api.name()).toFile().mkdirs();
        host.lxc.refusesConnections("api");
        confirmation.checkNow(List.of(web, api, ContainerSpec.of(new ContainerName("plain"), ContainerState.STARTED)), 2);
        assertThat(store.readHealth(api.name())).get().extracting(HealthRecord::health).isEqualTo(HealthRecord.Health.UNHEALTHY);
        assertThat(store.readHealth(web.name())).get().extracting(HealthRecord::health).isEqualTo(HealthRecord.Health.HEALTHY);
        assertThat(store.readHealth(new ContainerName("plain"))).isEmpty();
        assertThat(host.lxc.calls()).doesNotContain("probe plain");
    }

    @Test
    void awaitHealthy_rightAfterAStart_recordsTheProgramsPid_notInitLxcs() {
        FakeHost host = new FakeHost(tmp.resolve("home"));
        ContainerSpec web = withTcpCheck("web");
        host.lxc.initForksAfterStart("web");
        host.lxc.start(web.name(), List.of());
        host.home.containerDir(web.name()).toFile().mkdirs();

        host.engine().confirmation().awaitHealthy(web);

        int program = host.lxc.state(web.name()).initPid().getAsInt();
        assertThat(host.engine().store().readHealth(web.name())).get()
                .extracting(HealthRecord::health, HealthRecord::initPid)
                .containsExactly(HealthRecord.Health.HEALTHY, program);
    }

    private static ContainerSpec withTcpCheck(String name) {
        return io.rootfleet.model.codec.DesiredStateReader.read("apiVersion: rootfleet/v1\ncontainers:\n  - {name: "
                + name + ", health: {tcp: 80, retries: 0}}\n", "t").containers().get(0);
    }

    private static ContainerSpec withServices(ContainerName name, List<String> services) {
        return io.rootfleet.model.codec.DesiredStateReader.read("apiVersion: rootfleet/v1\ncontainers:\n  - {name: "
                + name + ", services: [" + String.join(", ", services) + "]}\n", "t").containers().get(0);
    }
}
