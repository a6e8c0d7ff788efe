package io.rootfleet.agent.capacity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The kernel's parameters as files under a /proc/sys tree ({@code /proc/sys} itself, or a test's copy). */
public final class SysctlTree {
    public static final Path PROC_SYS = Path.of("/proc/sys");

    private static final int MAX_LENGTH = 256;

    private final Path root;

    public SysctlTree(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * The value of a one-number parameter; empty when the host has no such parameter. Read in one call from
     * offset 0: the kernel answers a read of a sysctl at any other offset with end of file, so a reader that
     * reads a byte first (Files.readString on a file whose size is 0) sees only the first digit.
     */
    public Optional<Long> read(Sysctl sysctl) {
        Path file = sysctl.file(root);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[MAX_LENGTH];
            int length = Math.max(0, in.read(buffer));
            String text = new String(buffer, 0, length, StandardCharsets.US_ASCII).strip();
            return Optional.of(Long.parseLong(text));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NumberFormatException notOneNumber) {
            return Optional.empty();
        }
    }

    /** The values of those the host has. */
    public Map<Sysctl, Long> read(Collection<Sysctl> sysctls) {
        Map<Sysctl, Long> values = new TreeMap<>();
        for (Sysctl sysctl : sysctls) {
            read(sysctl).ifPresent(v -> values.put(sysctl, v));
        }
        return values;
    }

    /** Sets a parameter now (not across a reboot), as {@code sysctl -w} does. */
    public void write(Sysctl sysctl, long value) {
        Path file = sysctl.file(root);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("no kernel parameter " + sysctl + " (" + file + ")");
        }
        try {
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set " + sysctl + " = " + value + " (" + file + "): " + e.getMessage(), e);
        }
    }
}
