package io.rootfleet.agent.mask;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.agent.engine.FakeKernel;
import io.rootfleet.model.AbsolutePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskWriterTest {
    @TempDir
    Path tmp;

    /** A host with / 0755 root, /etc/shadow-like owners: root:shadow (42). */
    private static final HostView HOST = new HostView() {
        @Override
        public Optional<Attributes> lookup(AbsolutePath path) {
            return Optional.of(new Attributes(Type.DIRECTORY, path.isRoot() ? 0755 : 0700, 0, path.isRoot() ? 0 : 42));
        }

        @Override
        public List<String> list(AbsolutePath dir) {
            return List.of();
        }

        @Override
        public Optional<String> read(AbsolutePath path) {
            return Optional.empty();
        }

        @Override
        public Optional<String> readLink(AbsolutePath path) {
            return Optional.empty();
        }
    };

    private static final List<MaskEntry> MASK = List.of(
            MaskEntry.opaque(new AbsolutePath("/root"), new HostView.Attributes(HostView.Type.DIRECTORY, 0700, 0, 0)),
            MaskEntry.file(new AbsolutePath("/etc/shadow"), "root:!:1::::::\n", 0640, 0, 42));

    @Test
    void privileged_hostOwners_trustedMarkOnly() {
        FakeKernel kernel = new FakeKernel();
        Path mask = tmp.resolve("p");
        new MaskWriter(kernel, HOST).write(mask, MASK);
        assertThat(kernel.calls()).contains("chown 0:0 " + mask, "chown 0:0 " + mask.resolve("root"), "opaque " + mask.resolve("root"),
                "chown 0:42 " + mask.resolve("etc"), "chown 0:42 " + mask.resolve("etc/shadow"));
        assertThat(kernel.calls()).noneMatch(c -> c.startsWith("opaque-userxattr"));
    }

    @Test
    void unprivileged_ownersInTheRange_andTheUserXattrMarkThatOverlayReadsInAUserNamespace() {
        FakeKernel kernel = new FakeKernel();
        Path mask = tmp.resolve("u");
        int base = 1073741824;
        new MaskWriter(kernel, HOST, base).write(mask, MASK);
        assertThat(kernel.calls()).contains("chown " + base + ":" + base + " " + mask,
                "chown " + base + ":" + base + " " + mask.resolve("root"),
                "opaque " + mask.resolve("root"), "opaque-userxattr " + mask.resolve("root"),
                "chown " + base + ":" + (base + 42) + " " + mask.resolve("etc"),
                "chown " + base + ":" + (base + 42) + " " + mask.resolve("etc/shadow"));
        assertThat(kernel.calls()).noneMatch(c -> c.startsWith("chown 0:"));
    }
}
