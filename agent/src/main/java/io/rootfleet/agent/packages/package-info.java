/**
 * The host's Debian package records, read from dpkg's own files: which package owns a file (info/*.list),
 * which version is installed (status), the CVE ids a package's Debian changelog names between two versions,
 * and Debian version ordering (dpkg's algorithm). Pure parsing plus plain file reads of host-controlled paths.
 */
@Uses({})
package io.rootfleet.agent.packages;

import io.rootfleet.model.Uses;
