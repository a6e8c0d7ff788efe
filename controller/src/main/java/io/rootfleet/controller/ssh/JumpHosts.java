package io.rootfleet.controller.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A {@code ProxyJump} value: hops separated by commas, each {@code [user@]host[:port]} or an ssh:// URI. */
final class JumpHosts {
    private JumpHosts() {}

    /** One hop as written; its host is an alias, looked up in the ssh config like any host. */
    record Hop(Optional<String> user, String host, OptionalInt port) {
        @Override
        public String toString() {
            return user.map(u -> u + "@").orElse("") + (host.contains(":") ? "[" + host + "]" : host)
                    + (port.isPresent() ? ":" + port.getAsInt() : "");
        }
    }

    /** The hops in the order they are connected to (the first is reached directly). */
    static List<Hop> parse(String value, String where) {
        List<Hop> hops = new ArrayList<>();
        for (String written : value.split(",", -1)) {
            hops.add(hop(written.strip(), where));
        }
        return hops;
    }

    private static Hop hop(String written, String where) {
        String rest = written.startsWith("ssh://") ? written.substring("ssh://".length()) : written;
        Optional<String> user = Optional.empty();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = Optional.of(rest.substring(0, at));
            rest = rest.substring(at + 1);
        }
        String host = rest;
        OptionalInt port = OptionalInt.empty();
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw invalid(written, where, "a '[' without ']'");
            }
            host = rest.substring(1, close);
            if (close + 1 < rest.length()) {
                if (rest.charAt(close + 1) != ':') {
                    throw invalid(written, where, "text after ']' that is not :PORT");
                }
                portText = rest.substring(close + 2);
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            portText = rest.substring(rest.indexOf(':') + 1);
        }
        if (portText != null) {
            try {
                int number = Integer.parseInt(portText);
                if (number < 1 || number > 65535) {
                    throw new NumberFormatException();
                }
                port = OptionalInt.of(number);
            } catch (NumberFormatException e) {
                throw invalid(written, where, "port '" + portText + "' is not a number from 1 to 65535");
            }
        }
        if (host.isEmpty() || user.map(String::isEmpty).orElse(false) || host.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(written, where, "write [user@]host[:port]");
        }
        return new Hop(user, host, port);
    }

    private static SshConfigException invalid(String written, String where, String why) {
        return new SshConfigException(where + ": ProxyJump hop '" + written + "' is not valid: " + why
                + " (e.g. admin@bastion.example.org:2222)");
    }
}
