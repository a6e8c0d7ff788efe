package io.rootfleet.controller.ssh;

/** What to do with a host key that is not in known_hosts. A key that differs from the known one is always refused. */
public enum HostKeyPolicy {
    /** The host key must already be in known_hosts (OpenSSH {@code StrictHostKeyChecking=yes}). */
    STRICT,
    /** Trust on first use: an unknown host key is added to known_hosts (OpenSSH {@code accept-new}). */
    ACCEPT_NEW
}
