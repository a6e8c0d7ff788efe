package io.rootfleet.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A host package whose upgrade (or removal) left containers running its old files: the unit reports group
 * stale containers by, e.g. {@code libssl3 3.0.19 -> 3.0.22 (CVE-2099-0001): 14 containers on 3 hosts}.
 *
 * @param name the Debian package name, without an architecture qualifier (e.g. "libssl3")
 * @param fromVersion the version the containers still run (installed when they started); null when unknown
 * @param toVersion the version installed now; null when the package has been removed
 * @param cves the CVE ids the package's Debian changelog names in entries newer than {@code fromVersion} and up to
 *     {@code toVersion}, in the order first named; empty when none are named or the changelog is missing
 * @param containers the containers still running files of the old version; on the controller, "HOST/NAME"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackageChange(String name, String fromVersion, String toVersion, List<String> cves,
        List<String> containers) {

    public PackageChange {
        cves = Lists.orEmpty(cves);
        containers = Lists.orEmpty(containers);
    }

    /** CVE ids named in {@link #describe()} before the rest is only counted. */
    public static final int CVES_SHOWN = 6;

    /**
     * The change for a person, e.g. {@code libssl3 3.0.19-1 -> 3.0.22-1 (CVE-2099-0001, CVE-2099-0002)}; an unknown
     * running version reads "?", a removed package "removed"; past {@link #CVES_SHOWN} ids the rest is counted.
     */
    public String describe() {
        String text = name + " " + (fromVersion == null ? "?" : fromVersion) + " -> " + (toVersion == null ? "removed" : toVersion);
        if (cves.isEmpty()) {
            return text;
        }
        String shown = String.join(", ", cves.size() <= CVES_SHOWN ? cves : cves.subList(0, CVES_SHOWN));
        return text + " (" + shown + (cves.size() > CVES_SHOWN ? ", +" + (cves.size() - CVES_SHOWN) + " more" : "") + ")";
    }

    /** Whether {@code other} is the same change of the same package (containers aside): what reports group by. */
    public boolean sameChange(PackageChange other) {
        return name.equals(other.name) && java.util.Objects.equals(fromVersion, other.fromVersion)
                && java.util.Objects.equals(toVersion, other.toVersion);
    }
}
