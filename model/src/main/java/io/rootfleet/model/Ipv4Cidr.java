package io.rootfleet.model;

/** An IPv4 address with its prefix length, e.g. {@code 10.0.3.5/24}. */
public record Ipv4Cidr(Address address, int prefix) {

    public Ipv4Cidr {
        if (prefix < 1 || prefix > 32) {
            throw new IllegalArgumentException("prefix length /" + prefix + " is not between /1 and /32");
        }
    }

    public static Ipv4Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + MessageText.printable(text)
                    + "' has no prefix length; write it like 10.0.3.5/24");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + MessageText.printable(text) + "' has no valid prefix length;"
                    + " write it like 10.0.3.5/24");
        }
        return new Ipv4Cidr(Address.parse(text.substring(0, slash)), prefix);
    }

    /** The subnet's broadcast address (LXC 5 computes a wrong one when it is not given). */
    public Address broadcast() {
        String[] parts = address.value().split("\\.");
        long ip = 0;
        for (String part : parts) {
            ip = (ip << 8) | Integer.parseInt(part);
        }
        long host = prefix == 32 ? 0 : (1L << (32 - prefix)) - 1;
        long b = ip | host;
        return new Address(((b >> 24) & 255) + "." + ((b >> 16) & 255) + "." + ((b >> 8) & 255) + "." + (b & 255));
    }

    @Override
    public String toString() {
        return address + "/" + prefix;
    }

    /** A dotted-quad IPv4 address. */
    public record Address(String value) {
        public Address {
            String[] parts = value == null ? new String[0] : value.split("\\.", -1);
            boolean valid = parts.length == 4;
            for (int i = 0; valid && i < 4; i++) {
                valid = parts[i].matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(parts[i]) <= 255;
            }
            if (!valid) {
                throw new IllegalArgumentException("'" + MessageText.printable(value)
                        + "' is not an IPv4 address like 10.0.3.5");
            }
        }

        public static Address parse(String text) {
            return new Address(text);
        }

        @Override
        public String toString() {
            return value;
        }
    }
}
