package io.rootfleet.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A veth interface on a host bridge. Without an address the container configures itself (e.g. DHCP); the
 * MAC address, unless given, is derived from the container name so it stays the same across re-creation.
 */
public record NetworkSpec(String bridge, Optional<Ipv4Cidr> ipv4, Optional<Ipv4Cidr.Address> gateway, Optional<String> hwaddr) {
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    public NetworkSpec {
        if (bridge == null || !INTERFACE.matcher(bridge).matches()) {
            throw new IllegalArgumentException("bridge '" + MessageText.printable(bridge) + "' is not a valid"
                    + " interface name (1 to 15 letters, digits, '_', '.', '-')");
        }
        Objects.requireNonNull(ipv4, "ipv4");
        Objects.requireNonNull(gateway, "gateway");
        hwaddr = Objects.requireNonNull(hwaddr, "hwaddr").map(h -> h.toLowerCase(java.util.Locale.ROOT));
        if (hwaddr.isPresent() && !MAC.matcher(hwaddr.get()).matches()) {
            throw new IllegalArgumentException("hwaddr '" + MessageText.printable(hwaddr.get())
                    + "' is not a MAC address like 02:1a:2b:3c:4d:5e");
        }
        if (gateway.isPresent() && ipv4.isEmpty()) {
            throw new IllegalArgumentException("a gateway needs a static ipv4 address; set ipv4 too, or drop gateway");
        }
    }

    /** The MAC address to use: the declared one, or a locally administered one derived from the name. */
    public String hwaddrFor(ContainerName name) {
        return hwaddr.orElseGet(() -> derivedHwaddr(name));
    }

    static String derivedHwaddr(ContainerName name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.value().getBytes(StandardCharsets.UTF_8));
            byte[] mac = new byte[6];
            mac[0] = 0x02; // locally administered, unicast
            System.arraycopy(digest, 0, mac, 1, 5);
            return HexFormat.ofDelimiter(":").formatHex(mac);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
