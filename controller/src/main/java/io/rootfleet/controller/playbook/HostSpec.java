package io.rootfleet.controller.playbook;

import io.rootfleet.model.AbsolutePath;
import io.rootfleet.model.Hostname;
import io.rootfleet.model.Ipv4Cidr;
import io.rootfleet.model.MessageText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One host of a playbook: how to reach it, where its agent is, and the groups it belongs to.
 *
 * @param name named like a container: 1 to 63 lowercase letters, digits and '-'
 * @param address host name or IP address, looked up in the ssh config like {@code ssh ADDRESS}; without it an
 *     SSH host is reached as {@code ssh NAME} would reach it
 * @param port the SSH port, when the playbook (or inventory) gives one; else the ssh config's, else 22
 * @param user the login name, when given; else the ssh config's, else root
 * @param identityFile the SSH private key, absolute or starting with {@code ~/} (expanded where it is used)
 * @param groups group names, so containers and {@code --limit} can name several hosts at once
 * @param labels free-form key/value pairs for the operator
 */
public record HostSpec(
        String name,
        Optional<String> address,
        OptionalInt port,
        Optional<String> user,
        Optional<String> identityFile,
        Connection connection,
        AbsolutePath agentPath,
        AbsolutePath agentHome,
        List<String> groups,
        SortedMap<String, String> labels) {

    /** What a host gets when neither the playbook nor the ssh config sets its port or user. */
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_USER = "root";
    public static final AbsolutePath DEFAULT_AGENT_PATH = new AbsolutePath("/usr/local/bin/rootfleet-agent");
    public static final AbsolutePath DEFAULT_AGENT_HOME = new AbsolutePath("/var/lib/rootfleet");
    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

    public HostSpec {
        new HostLabel(name);
        address.ifPresent(HostSpec::checkAddress);
        port.ifPresent(HostSpec::checkPort);
        user.ifPresent(HostSpec::checkUser);
        identityFile.ifPresent(HostSpec::checkIdentityFile);
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(agentPath, "agentPath");
        Objects.requireNonNull(agentHome, "agentHome");
        groups = List.copyOf(groups);
        groups.forEach(GroupLabel::new);
        if (new HashSet<>(groups).size() < groups.size()) {
            throw new IllegalArgumentException("host '" + name + "' lists a group twice: " + groups);
        }
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** A host whose port and user are given. */
    public HostSpec(String name, Optional<String> address, int port, String user, Optional<String> identityFile,
            Connection connection, AbsolutePath agentPath, AbsolutePath agentHome, List<String> groups,
            SortedMap<String, String> labels) {
        this(name, address, OptionalInt.of(port), Optional.of(user), identityFile, connection, agentPath, agentHome,
                groups, labels);
    }

    /** The name {@code ssh} is given for this host, and the ssh config is looked up by: its address, else its name. */
    public String sshAlias() {
        return address.orElse(name);
    }

    /** A host name, an IPv4 address or an IPv6 address, returned as it is. */
    static String checkAddress(String text) {
        if (!isAddress(text)) {
            throw new IllegalArgumentException("address '" + MessageText.printable(text) + "' is not a host name or"
                    + " IP address; write e.g. web-a.example.org, 192.0.2.11 or 2001:db8::11");
        }
        return text;
    }

    private static boolean isAddress(String text) {
        try {
            if (text.contains(":")) {
                // Hex digits, ':' and '.' only: InetAddress parses such a literal itself and never asks DNS.
                if (!text.matches("[0-9A-Fa-f:.]+")) {
                    return false;
                }
                InetAddress.getByName(text);
            } else if (text.matches("[0-9.]+")) {
                new Ipv4Cidr.Address(text);
            } else {
                new Hostname(text);
            }
            return true;
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    static int parsePort(String text) {
        try {
            return checkPort(Integer.parseInt(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("port '" + MessageText.printable(text) + "' is not a number from 1"
                    + " to 65535");
        }
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a number from 1 to 65535");
        }
        return port;
    }

    static String checkUser(String text) {
        if (text == null || !USER.matcher(text).matches()) {
            throw new IllegalArgumentException("user '" + MessageText.printable(text) + "' is not a login name; use"
                    + " up to 32 letters, digits, '_', '.' and '-', starting with a letter or '_'");
        }
        return text;
    }

    static String checkIdentityFile(String text) {
        try {
            new AbsolutePath(text.startsWith("~/") ? text.substring(1) : text);
            return text;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("identityFile '" + MessageText.printable(text) + "' is not a path"
                    + " from the root or from your home without '.', '..' or '//'; write e.g. ~/.ssh/id_ed25519");
        }
    }
}
