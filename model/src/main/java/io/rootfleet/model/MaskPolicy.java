package io.rootfleet.model;

import java.util.List;

/**
 * What every container hides of its host by default (see docs/security.md in the repository). A directory is shown empty, a
 * file is not shown at all; entries ending in '*' match by prefix. Some hidden files are regenerated per
 * container ({@link #REGENERATED}). A container can hide more ({@code hide}) or opt out of an entry
 * explicitly ({@code unhide}).
 */
public final class MaskPolicy {
    public static final List<String> DEFAULT_HIDDEN = List.of(
            "/var/lib/rootfleet",
            "/etc/rootfleet",
            "/var/lib/lxc",
            "/etc/shadow",
            "/etc/shadow-",
            "/etc/gshadow",
            "/etc/gshadow-",
            "/var/backups",
            "/etc/ssh/ssh_host_*",
            "/root",
            "/home",
            "/var/mail",
            "/etc/ssl/private",
            "/etc/letsencrypt",
            "/etc/krb5.keytab",
            "/etc/wireguard",
            "/etc/apt/auth.conf",
            "/etc/apt/auth.conf.d",
            "/swapfile",
            "/swap.img",
            "/etc/machine-id",
            "/var/lib/dbus/machine-id",
            "/var/lib/systemd/random-seed",
            "/var/log",
            "/tmp",
            "/var/tmp");

    /** Hidden host files that each container gets its own version of. */
    public static final List<String> REGENERATED = List.of(
            "/etc/shadow", "/etc/gshadow", "/etc/machine-id", "/var/lib/dbus/machine-id", "/etc/hostname", "/etc/hosts");

    private MaskPolicy() {}

    public static boolean isDefault(String path) {
        return DEFAULT_HIDDEN.contains(path);
    }
}
