package io.rootfleet.model;

import java.util.Locale;
import java.util.Optional;

/** Resource limits; each one unset means unlimited. CPUs are kept in thousandths so equality is exact. */
public record Limits(Optional<Long> memoryBytes, Optional<Integer> milliCpus, Optional<Integer> pids) {
    public static final Limits NONE = new Limits(Optional.empty(), Optional.empty(), Optional.empty());

    public Limits {
        memoryBytes.ifPresent(m -> {
            if (m < 4L * 1024 * 1024) {
                throw new IllegalArgumentException("memory limit " + m + " bytes is below 4M; a container cannot run in that");
            }
        });
        milliCpus.ifPresent(c -> {
            if (c < 10) {
                throw new IllegalArgumentException("cpus must be at least 0.01");
            }
        });
        pids.ifPresent(p -> {
            if (p < 8) {
                throw new IllegalArgumentException("pids limit " + p + " is below 8; a container cannot start with that");
            }
        });
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** Parses sizes like {@code 512M}, {@code 2G}, {@code 1048576} (binary units, as cgroups count). */
    public static long parseBytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> unit = 1024L;
                case 'M' -> unit = 1024L * 1024;
                case 'G' -> unit = 1024L * 1024 * 1024;
                case 'T' -> unit = 1024L * 1024 * 1024 * 1024;
                default -> unit = 1;
            }
            if (unit > 1) {
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            long value = Long.parseLong(t.trim());
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + MessageText.printable(text)
                    + "' is not a size; write e.g. 512M or 2G");
        }
    }

    /** Parses {@code 0.5}, {@code 2}, {@code 1.25} into thousandths of a CPU. */
    public static int parseMilliCpus(String text) {
        try {
            java.math.BigDecimal cpus = new java.math.BigDecimal(text.trim());
            if (cpus.signum() <= 0 || cpus.scale() > 3 || cpus.compareTo(java.math.BigDecimal.valueOf(4096)) > 0) {
                throw new NumberFormatException();
            }
            return cpus.movePointRight(3).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("cpus '" + MessageText.printable(text)
                    + "' is not a positive number of CPUs with at most 3 decimals, e.g. 0.5 or 2");
        }
    }

    public static String formatMilliCpus(int milli) {
        return java.math.BigDecimal.valueOf(milli, 3).stripTrailingZeros().toPlainString();
    }
}
