package io.rootfleet.controller.report;

import io.rootfleet.controller.patch.HostPatch;
import io.rootfleet.controller.patch.PatchResult;
import io.rootfleet.controller.patch.PatchVerdict;
import io.rootfleet.model.ExitStatus;
import io.rootfleet.model.report.HeldContainer;
import io.rootfleet.model.report.PackageChange;
import io.rootfleet.model.report.RestartSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code rootfleet patch --report FILE.html}: one self-contained page (inline CSS, no script, nothing fetched)
 * to hand on: the result and its counts, the canary, where the campaign stopped and why, a timeline per host and
 * container, the hosts' table, the failures, the held containers, and the host packages (with the CVEs their
 * Debian changelogs name) behind the stale containers. Every value is HTML-escaped: names come from hosts.
 */
public final class HtmlReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final PatchResult result;
    private final ExitStatus exit;
    private final PatchTimeline timeline;
    private final String campaign;

    /** @param campaign what the page is titled after, e.g. the playbook's file name */
    public HtmlReport(PatchResult result, ExitStatus exit, PatchTimeline timeline, String campaign) {
        this.result = result;
        this.exit = exit;
        this.timeline = timeline;
        this.campaign = campaign;
    }

    /** HTML-escapes {@code text} for element content and quoted attribute values. */
    static String esc(Object text) {
        String s = String.valueOf(text);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    public String render() {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>rootfleet patch: ").append(esc(campaign)).append(" (").append(esc(label(exit))).append(")</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        header(h);
        canaryAndStop(h);
        timelineSection(h);
        hostsTable(h);
        failures(h);
        held(h);
        packages(h);
        h.append("<footer>rootfleet patch report, written ").append(esc(TIME.format(timeline.end())))
                .append(". Self-contained: no scripts, nothing fetched.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private void header(StringBuilder h) {
        String kind = exit == ExitStatus.OK ? "ok" : exit == ExitStatus.INTERRUPTED ? "warn" : "bad";
        h.append("<header><h1>rootfleet patch <span class=\"campaign\">").append(esc(campaign)).append("</span></h1>\n")
                .append("<p class=\"when\">").append(esc(TIME.format(timeline.start()))).append(" to ")
                .append(esc(TIME.format(timeline.end()))).append(" (").append(esc(human(Duration.between(timeline.start(),
                        timeline.end())))).append(")").append(result.check() ? ", --check: nothing restarted" : "")
                .append("</p>\n<div class=\"cards\">\n");
        card(h, "result", label(exit) + " (exit " + exit.code() + ")", kind, "id=\"result\"");
        card(h, "hosts", String.valueOf(result.hosts().size()), "", "id=\"hosts\"");
        card(h, "stale before", String.valueOf(result.staleBefore()), result.staleBefore() > 0 ? "warn" : "ok",
                "id=\"stale-before\"");
        if (!result.check()) {
            card(h, "stale after", String.valueOf(result.staleAfter()), result.staleAfter() > 0 ? "bad" : "ok",
                    "id=\"stale-after\"");
            card(h, "restarted", String.valueOf(result.restarted()), "", "id=\"restarted\"");
            card(h, "failed", String.valueOf(result.failedContainers()), result.failedContainers() > 0 ? "bad" : "ok",
                    "id=\"failed\"");
        }
        h.append("</div>\n<p class=\"line\">").append(esc(PatchReport.counts(result))).append("<br>")
                .append(esc(PatchReport.hosts(result))).append("</p>\n</header>\n");
    }

    private static void card(StringBuilder h, String title, String value, String kind, String id) {
        h.append("<div class=\"card ").append(kind).append("\" ").append(id).append("><div class=\"k\">").append(esc(title))
                .append("</div><div class=\"v\">").append(esc(value)).append("</div></div>\n");
    }

    private void canaryAndStop(StringBuilder h) {
        result.canary().ifPresent(c -> h.append("<p class=\"banner ").append(c.passed() ? "ok" : "bad")
                .append("\" id=\"canary\">").append(esc(PatchReport.canary(c)))
                .append(c.failure().map(f -> ": " + esc(f)).orElse("")).append("</p>\n"));
        result.stop().ifPresent(stop -> h.append("<p class=\"banner ")
                .append(stop.reason() == PatchResult.Reason.INTERRUPTED ? "warn" : "bad").append("\" id=\"stopped\">")
                .append(esc(PatchReport.stopped(stop))).append("</p>\n"));
    }

    private void timelineSection(StringBuilder h) {
        Instant start = timeline.start();
        long total = Math.max(1, Duration.between(start, timeline.end()).toMillis());
        h.append("<section><h2>Timeline</h2>\n");
        if (!timeline.marks().isEmpty()) {
            h.append("<ol class=\"marks\">\n");
            for (PatchTimeline.Mark m : timeline.marks()) {
                h.append("<li class=\"").append(esc(m.kind())).append("\"><span class=\"t\">+")
                        .append(esc(human(Duration.between(start, m.at())))).append("</span> ").append(esc(m.text()))
                        .append("</li>\n");
            }
            h.append("</ol>\n");
        }
        if (timeline.hosts().isEmpty()) {
            h.append("<p>Nothing was restarted.</p>\n</section>\n");
            return;
        }
        h.append("<div class=\"legend\"><span class=\"bar ok\"></span>restarted, healthy <span class=\"bar failed\"></span>"
                + "failed <span class=\"bar skipped\"></span>not restarted <span class=\"bar host\"></span>host</div>\n");
        h.append("<table class=\"timeline\">\n");
        for (PatchTimeline.HostSpan host : timeline.hosts()) {
            h.append("<tr class=\"host\"><th>").append(esc(host.host())).append("</th><td class=\"lane\">");
            bar(h, start, total, host.start(), host.end(), "host " + host.status(),
                    host.host() + ": " + host.status() + (host.detail().isEmpty() ? "" : " (" + host.detail() + ")"));
            h.append("</td><td class=\"d\">").append(esc(human(Duration.between(host.start(), host.end())))).append(' ')
                    .append(esc(host.status())).append("</td></tr>\n");
            for (PatchTimeline.ContainerSpan c : timeline.containers()) {
                if (!c.host().equals(host.host())) {
                    continue;
                }
                h.append("<tr class=\"container\"><th>").append(esc(c.container())).append("</th><td class=\"lane\">");
                bar(h, start, total, c.start(), c.end(), c.status(), c.container() + ": " + c.status()
                        + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")"));
                h.append("</td><td class=\"d\">").append(esc(c.status().equals("skipped") ? "not restarted"
                        : human(Duration.between(c.start(), c.end())) + " " + (c.status().equals("ok") ? "healthy" : c.status())))
                        .append(c.detail().isEmpty() ? "" : "<div class=\"why\">" + esc(c.detail()) + "</div>")
                        .append("</td></tr>\n");
            }
        }
        h.append("</table>\n</section>\n");
    }

    private static void bar(StringBuilder h, Instant origin, long total, Instant from, Instant to, String kind, String title) {
        double left = percent(Duration.between(origin, from).toMillis(), total);
        double width = Math.max(0.4, percent(Duration.between(from, to).toMillis(), total));
        h.append("<span class=\"bar ").append(esc(kind)).append("\" title=\"").append(esc(title))
                .append(String.format(Locale.ROOT, "\" style=\"left:%.2f%%;width:%.2f%%\"></span>", Math.min(left, 99.6),
                        Math.min(width, 100 - Math.min(left, 99.6))));
    }

    private static double percent(long part, long total) {
        return Math.max(0, Math.min(100, part * 100.0 / total));
    }

    private void hostsTable(StringBuilder h) {
        h.append("<section><h2>Hosts</h2>\n<table class=\"hosts\">\n<tr><th>host</th><th>result</th><th>stale before</th>"
                + "<th>restarted</th><th>failed</th><th>stale after</th><th>time</th><th>detail</th></tr>\n");
        for (HostPatch p : result.hosts()) {
            RestartSummary s = p.restart().flatMap(r -> r.summary()).orElse(null);
            h.append("<tr class=\"").append(verdictClass(p.verdict())).append("\"><td>").append(esc(p.host())).append("</td><td>")
                    .append(esc(p.verdict().label())).append("</td><td>").append(count(p.staleBefore())).append("</td><td>")
                    .append(s == null ? "-" : s.restarted().size()).append("</td><td>").append(s == null ? "-" : s.failed().size())
                    .append("</td><td>").append(count(p.staleAfter())).append("</td><td>").append(esc(human(Duration.ofMillis(p.millis()))))
                    .append("</td><td>").append(esc(p.detail().orElse(""))).append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private void failures(StringBuilder h) {
        List<String> lines = new ArrayList<>();
        for (HostPatch p : result.hosts()) {
            p.restart().flatMap(r -> r.summary()).ifPresent(s -> s.failures().forEach(f -> lines.add(p.host() + ": " + f.line())));
        }
        if (lines.isEmpty()) {
            return;
        }
        h.append("<section><h2>Failed containers</h2>\n<ul class=\"failures\">\n");
        lines.forEach(line -> h.append("<li>").append(esc(line)).append("</li>\n"));
        h.append("</ul>\n</section>\n");
    }

    private void held(StringBuilder h) {
        List<String> lines = new ArrayList<>();
        for (HostPatch p : result.hosts()) {
            for (HeldContainer held : p.restart().flatMap(r -> r.summary()).map(RestartSummary::held).orElse(List.of())) {
                lines.add(p.host() + "/" + held.line());
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        h.append("<section><h2>Held containers</h2>\n<ul class=\"held\">\n");
        lines.forEach(line -> h.append("<li>").append(esc(line)).append("</li>\n"));
        h.append("</ul>\n</section>\n");
    }

    /** The package changes of the first scans, merged across hosts: one row per package and version change. */
    private void packages(StringBuilder h) {
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (HostPatch p : result.hosts()) {
            List<PackageChange> changes = p.before().report().map(r -> r.packages()).orElse(List.of());
            for (PackageChange c : changes) {
                String key = c.name() + "\u0000" + c.fromVersion() + "\u0000" + c.toVersion();
                Merged m = merged.computeIfAbsent(key, k -> new Merged(c.name(), c.fromVersion(), c.toVersion()));
                m.cves.addAll(c.cves());
                for (String container : c.containers()) {
                    m.containers.add(container.contains("/") ? container : p.host() + "/" + container);
                }
                m.hosts.add(p.host());
            }
        }
        h.append("<section><h2>Packages and CVEs</h2>\n");
        if (merged.isEmpty()) {
            h.append("<p>No host package change is behind the stale containers (or the agents did not say).</p>\n</section>\n");
            return;
        }
        h.append("<table class=\"packages\">\n<tr><th>package</th><th>running</th><th>installed</th><th>CVEs fixed</th>"
                + "<th>containers</th></tr>\n");
        for (Merged m : merged.values()) {
            h.append("<tr><td>").append(esc(m.name)).append("</td><td>").append(esc(m.from == null ? "?" : m.from))
                    .append("</td><td>").append(esc(m.to == null ? "(removed)" : m.to)).append("</td><td class=\"cves\">");
            for (String cve : m.cves) {
                h.append("<span class=\"cve\">").append(esc(cve)).append("</span> ");
            }
            h.append("</td><td>").append(m.containers.size()).append(" on ").append(m.hosts.size())
                    .append(m.hosts.size() == 1 ? " host" : " hosts").append("<div class=\"why\">")
                    .append(esc(String.join(", ", m.containers))).append("</div></td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static final class Merged {
        final String name;
        final String from;
        final String to;
        final Set<String> cves = new LinkedHashSet<>();
        final Set<String> containers = new TreeSet<>();
        final Set<String> hosts = new TreeSet<>();

        Merged(String name, String from, String to) {
            this.name = name;
            this.from = from;
            this.to = to;
        }
    }

    private static String verdictClass(PatchVerdict v) {
        return switch (v) {
            case PATCHED, CLEAN -> "ok";
            case STALE, NOT_PATCHED, INTERRUPTED, HELD -> "warn";
            case STILL_STALE, FAILED, UNREACHABLE -> "bad";
        };
    }

    private static String label(ExitStatus exit) {
        return exit.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String count(OptionalInt n) {
        return n.isPresent() ? String.valueOf(n.getAsInt()) : "-";
    }

    /** 850 ms, 12.3 s, 4 min 05 s. */
    static String human(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, (ms / 1000) % 60);
    }

    private static final String CSS = """
            body{font:14px/1.45 "DejaVu Sans",Arial,sans-serif;color:#1d2430;margin:24px 32px;background:#fbfcfe}
            h1{font-size:22px;margin:0 0 4px}h1 .campaign{color:#4a5568;font-weight:normal}
            h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d8dee8;padding-bottom:4px}
            .when{color:#5a6474;margin:0 0 12px}.line{color:#3a4454}
            .cards{display:flex;flex-wrap:wrap;gap:10px}
            .card{background:#fff;border:1px solid #d8dee8;border-radius:6px;padding:8px 14px;min-width:96px}
            .card .k{font-size:11px;text-transform:uppercase;color:#6a7484;letter-spacing:.04em}
            .card .v{font-size:20px;font-weight:bold}
            .card.ok .v{color:#17803d}.card.bad .v{color:#c2261d}.card.warn .v{color:#b06d00}
            .banner{padding:8px 12px;border-radius:6px;border:1px solid}
            .banner.ok{background:#eaf7ee;border-color:#9bd3ad}.banner.bad{background:#fdecea;border-color:#f0a8a2}
            .banner.warn{background:#fff5e0;border-color:#f0c97a}
            table{border-collapse:collapse;width:100%;background:#fff}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #edf0f5;vertical-align:top}
            table.hosts tr.ok td:nth-child(2){color:#17803d}table.hosts tr.bad td:nth-child(2){color:#c2261d;font-weight:bold}
            table.hosts tr.warn td:nth-child(2){color:#b06d00;font-weight:bold}
            .timeline th{width:180px;font-weight:normal;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:180px}
            .timeline tr.host th{font-weight:bold}.timeline tr.container th{padding-left:22px;color:#3a4454}
            .timeline td.lane{position:relative;height:18px;background:repeating-linear-gradient(90deg,#fff 0,#fff 9.9%,#eef1f6 10%)}
            .timeline td.d{width:240px;color:#4a5568;font-size:12px}
            .bar{position:absolute;top:4px;height:12px;border-radius:3px;display:inline-block}
            .legend .bar{position:static;width:18px;margin:0 4px 0 12px;vertical-align:middle}
            .bar.ok{background:#2f9e55}.bar.failed{background:#d93a2f}.bar.skipped{background:#b8c0cc}
            .bar.host{background:#6b8fd6}.bar.host.failed{background:#e0776f}.bar.host.interrupted{background:#e8b04d}
            .marks{list-style:none;padding:0;margin:0 0 10px}.marks li{padding:1px 0}
            .marks .t{display:inline-block;min-width:70px;color:#6a7484;font-family:"DejaVu Sans Mono",monospace}
            .marks li.failed{color:#c2261d}.marks li.stopped{color:#b06d00}
            .why{color:#6a7484;font-size:12px}.cve{display:inline-block;background:#fdecea;color:#9b1c14;border-radius:3px;
            padding:0 5px;margin:1px;font-family:"DejaVu Sans Mono",monospace;font-size:12px}
            table.packages td:nth-child(2),table.packages td:nth-child(3){white-space:nowrap;font-family:"DejaVu Sans Mono",monospace;font-size:12px}
            ul.failures li{color:#9b1c14}
            footer{margin-top:28px;color:#8a94a4;font-size:12px}
            """;
}
