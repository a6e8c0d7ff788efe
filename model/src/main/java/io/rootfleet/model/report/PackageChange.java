package io.rootfleet.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A host package whose upgrade (or removal) left containers running its old files: the unit reports group
 * stale containers by, e.g. {@code libssl3 3.0.19 -> 3.0.22 (CVE-2099-0001): 14 containers on 3 hosts}.
 *
 * @param name the Debian package name, with its architecture qualifier when dpkg records one (e.g. "libssl3:amd64")
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
}
