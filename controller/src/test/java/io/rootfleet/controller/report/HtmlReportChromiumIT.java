package io.rootfleet.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it: Debian's chromium, headless, loads the page from a file (with no network)
 * and the test reads the DOM it built and takes a screenshot. With {@code -Drootfleet.updateScreenshot=true} the
 * screenshot replaces the README's {@code docs/patch-report.png}.
 */
class HtmlReportChromiumIT {
    @TempDir
    Path dir;

    @Test
    void chromiumShowsTheHostsTheCountsTheCanaryAndTheCves() throws IOException {
        HeadlessChromium chromium = HeadlessChromium.require();
        Path page = Files.writeString(dir.resolve("rf-h12c-report.html"), new SampleCampaign().render());

        String dom = chromium.dumpDom(page);

        assertThat(dom).contains("<title>rootfleet patch: site.yml (failed)</title>")
                .contains("<div class=\"v\">failed (exit 1)</div>")
                .contains("<div class=\"k\">stale before</div><div class=\"v\">9</div>")
                .contains("<div class=\"k\">stale after</div><div class=\"v\">2</div>")
                .contains("<div class=\"k\">restarted</div><div class=\"v\">7</div>")
                .contains("canary web-1: restarted in 13.6 s, then healthy through 11 check(s) over 300.0 s")
                .contains("<span class=\"cve\">" + SampleCampaign.CVE + "</span>")
                .contains("db-1/db-1-pg: held, not restarted (quarterly failover test until Friday, held by alice (sudo) from"
                        + " 10.0.0.5)")
                .contains("<td>web-1</td><td>patched</td>").contains("<td>web-3</td><td>FAILED</td>")
                .contains("<th>web-3-app-1</th>");

        Path png = dir.resolve("rf-h12c-report.png");
        chromium.screenshot(page, png, 1280, 1500);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(20_000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        if (Boolean.getBoolean("rootfleet.updateScreenshot")) {
            Path docs = Path.of(System.getProperty("rootfleet.checkout", "..")).resolve("docs/patch-report.png");
            Files.copy(png, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void hostileNamesStayText() throws IOException {
        HeadlessChromium chromium = HeadlessChromium.require();
        String name = "<img src=x onerror=document.title='owned'>";
        Path page = Files.writeString(dir.resolve("rf-h12c-hostile.html"), new HtmlReport(
                new io.rootfleet.controller.patch.PatchResult(java.util.List.of(io.rootfleet.controller.patch.HostPatch.of(
                        io.rootfleet.controller.patch.Scans.scan(name, 1, 0), java.util.Optional.empty(),
                        java.util.Optional.empty(), true)), true, java.util.Optional.empty()),
                io.rootfleet.model.ExitStatus.OK, new PatchTimeline(java.time.Clock.systemUTC()), name).render());

        String dom = chromium.dumpDom(page);

        assertThat(dom).doesNotContain("owned</title>").doesNotContain("<img").contains("&lt;img src=x onerror=");
    }
}
