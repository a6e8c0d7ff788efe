package io.rootfleet.controller.playbook;

import static io.rootfleet.controller.playbook.PlaybookAssertions.ONE_HOST;
import static io.rootfleet.controller.playbook.PlaybookAssertions.problems;
import static io.rootfleet.controller.playbook.PlaybookAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.FileSpec;
import io.rootfleet.model.HidePattern;
import io.rootfleet.model.MountSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** List fields across defaults, profile and entry: files by path, mounts by target, hide and unhide joined. */
class ListLayersTest {
    @Test
    void read_joinsFilesByPathAnItemReplacingTheInheritedOneInItsPlace() {
        ContainerSpec spec = only(ONE_HOST + """
                defaults:
                  files:
                    - {path: /etc/motd, content: "defaults\\n"}
                    - {path: /etc/app.conf, content: "port=80\\n"}
                profiles:
                  web:
                    files:
                      - {path: /etc/motd, content: "profile\\n", mode: "0600"}
                      - {path: /etc/apache2/conf-enabled/fix.conf, content: "fix\\n"}
                containers:
                  - name: app
                    host: web-a
                    profile: web
                    files:
                      - {path: /var/www/html/index.html, content: "<h1>app</h1>\\n"}
                """);

        assertThat(spec.files()).extracting(f -> f.path().value(), FileSpec::content, FileSpec::mode).containsExactly(
                tuple("/etc/motd", "profile\n", 0600),
                tuple("/etc/app.conf", "port=80\n", 0644),
                tuple("/etc/apache2/conf-enabled/fix.conf", "fix\n", 0644),
                tuple("/var/www/html/index.html", "<h1>app</h1>\n", 0644));
    }

    @Test
    void read_joinsMountsByTargetAndDropsAnInheritedOneThatIsAbsent() {
        ContainerSpec spec = only(ONE_HOST + """
                defaults:
                  mounts:
                    - {source: /srv/shared, target: /srv/shared}
                    - {source: /srv/logs, target: /var/log/app, readOnly: false}
                  files:
                    - {path: /etc/motd, content: hello}
                profiles:
                  web:
                    mounts:
                      - {source: /srv/www, target: /var/www}
                      - {target: /srv/shared, absent: true}
                containers:
                  - name: app
                    host: web-a
                    profile: web
                    mounts:
                      - {source: /srv/other-logs, target: /var/log/app}
                    files:
                      - {path: /etc/motd, absent: true}
                """);

        assertThat(spec.mounts()).extracting(m -> m.source().value(), m -> m.target().value(), MountSpec::readOnly)
                .containsExactly(tuple("/srv/other-logs", "/var/log/app", true), tuple("/srv/www", "/var/www", true));
        assertThat(spec.files()).isEmpty();
    }

    @Test
    void read_letsANullDropEveryInheritedItem() {
        ContainerSpec spec = only(ONE_HOST + """
                defaults:
                  files: [{path: /etc/motd, content: hello}]
                  hide: [/opt/vault]
                containers:
                  - {name: app, host: web-a, files: ~, hide: ~}
                """);

        assertThat(spec.files()).isEmpty();
        assertThat(spec.hide()).isEmpty();
    }

    @Test
    void read_joinsHideAndUnhideWithoutRepeatsButReplacesServicesAndInit() {
        ContainerSpec spec = only(ONE_HOST + """
                defaults:
                  hide: [/opt/vault, /srv/secret*]
                  unhide: [/var/log]
                  services: [cron.service]
                profiles:
                  web:
                    hide: [/opt/vault, /etc/ssl/private]
                    services: [apache2.service]
                containers:
                  - name: app
                    host: web-a
                    profile: web
                    hide: [/root]
                    unhide: [/var/log]
                """);

        assertThat(spec.hide()).extracting(HidePattern::toString)
                .containsExactly("/opt/vault", "/srv/secret*", "/etc/ssl/private", "/root");
        assertThat(spec.unhide()).containsExactly("/var/log");
        assertThat(spec.services()).as("what runs is replaced").containsExactly("apache2.service");
    }

    @Test
    void read_refusesAnAbsentItemThatDropsNothingOrSaysMore() {
        assertThat(problems(ONE_HOST + """
                defaults:
                  files: [{path: /etc/motd, content: hello}]
                profiles:
                  web:
                    mounts: [{target: /srv, absent: true}]
                containers:
                  - name: app
                    host: web-a
                    profile: web
                    files:
                      - {path: /etc/motd, absent: true, content: bye}
                      - {path: /etc/issue, absent: true}
                  - name: other
                    host: web-a
                    files:
                      - {path: /etc/motd, absent: no}
                """)).containsExactly(
                "site.yml:7:14: profiles.web.mounts[0]: absent: true drops an inherited mount, but nothing inherited"
                        + " has target /srv; check the target, or remove this item",
                "site.yml:13:9: containers[0].files[0]: an item with absent: true only names the inherited file to"
                        + " drop; remove content",
                "site.yml:14:9: containers[0].files[1]: absent: true drops an inherited file, but nothing inherited"
                        + " has path /etc/issue; check the path, or remove this item",
                "site.yml:18:35: containers[1].files[0].absent: write absent: true to drop the inherited file at"
                        + " /etc/motd, or leave absent out");
    }

    @Test
    void read_stillReportsAPathTwiceInOneLayerAndAProblemWhereItWasWritten() {
        assertThat(problems(ONE_HOST + """
                profiles:
                  web:
                    files:
                      - {path: /etc/motd, content: hello, mode: "999"}
                containers:
                  - name: app
                    host: web-a
                    profile: web
                    files:
                      - {path: /etc/x, content: a}
                      - {path: /etc/x, content: b}
                      - {content: c}
                """)).containsExactly(
                "site.yml:6:49: profiles.web.files[0].mode: mode '999' is not an octal file mode like 0644 or 0755",
                "site.yml:8:5: containers[0]: file path '/etc/x' is declared twice",
                "site.yml:14:9: containers[0].files[2].path: required field is missing");
    }

    private static ContainerSpec only(String yaml) {
        List<ContainerSpec> containers = read(yaml).desired().get("web-a").containers();
        return containers.get(0);
    }
}
