package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.ONE_HOST;
import static io.rootfleet.controller.playbook.PlaybookAssertions.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A warning, not an error, when limits.pids leaves a container's services fewer tasks than they need. */
class ServiceTasksTest {
    @Test
    void read_warnsOnceWhereThePidsLimitWasWrittenSayingWhatToRaiseItTo() {
        assertThat(warnings(ONE_HOST + """
                profiles:
                  apache:
                    services: [cron.service, apache2.service]
                    limits: {pids: 200}
                containers:
                  - {name: "web-{1..12}", host: web-a, profile: apache}
                  - {name: other, host: web-a, profile: apache}
                  - {name: small, host: web-a, services: [cron.service], limits: {pids: 100}}
                """)).containsExactly(
                "warning: site.yml:6:20: profiles.apache.limits.pids: pids 200 leaves each service 30 tasks, since"
                        + " systemd in the container limits every service to 15% of the container's pids;"
                        + " apache2.service needs about 163 (with Debian's event MPM, up to 6 processes of 27"
                        + " threads). Raise pids to at least 1087",
                "warning: site.yml:10:73: containers[2].limits.pids: pids 100 leaves each service 15 tasks, since"
                        + " systemd in the container limits every service to 15% of the container's pids; a service"
                        + " is assumed to need 16. Raise pids to at least 107");
    }

    @Test
    void read_saysNothingWhenThePidsLimitIsEnoughOrNoSystemdServicesRun() {
        assertThat(warnings(ONE_HOST + """
                containers:
                  - {name: a, host: web-a, services: [apache2.service], limits: {pids: 1087}}
                  - {name: b, host: web-a, services: [cron.service], limits: {pids: 107}}
                  - {name: c, host: web-a, services: [apache2.service]}
                  - {name: d, host: web-a, init: [/bin/sleep, infinity], limits: {pids: 10}}
                """)).isEmpty();
    }

    private static List<String> warnings(String yaml) {
        List<String> warnings = new ArrayList<>();
        PlaybookReader.read(yaml, SOURCE, warnings::add);
        return warnings;
    }
}
