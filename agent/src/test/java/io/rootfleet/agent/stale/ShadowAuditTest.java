package io.rootfleet.agent.stale;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootfleet.model.report.StaleReport.ShadowedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadowAuditTest {
    @TempDir
    Path tmp;
    private Path host;
    private Path upper;

    @BeforeEach
    void layers() throws IOException {
        host = Files.createDirectories(tmp.resolve("root"));
        upper = Files.createDirectories(tmp.resolve("upper"));
    }

    @Test
    void kind_byPath() {
        assertThat(ShadowAudit.kind("/usr/lib/x86_64-linux-gnu/libssl.so.3", false)).isEqualTo("library");
        assertThat(ShadowAudit.kind("/usr/lib/x86_64-linux-gnu/libz.so.1.2.13", false)).isEqualTo("library");
        assertThat(ShadowAudit.kind("/lib64/ld-linux-x86-64.so.2", true)).isEqualTo("library");
        assertThat(ShadowAudit.kind("/usr/lib/x86_64-linux-gnu/libfoo.so", false)).isEqualTo("library");
        assertThat(ShadowAudit.kind("/usr/local/lib/python3.11/dist-packages/_x.cpython-311.so", false)).isEqualTo("library");
        assertThat(ShadowAudit.kind("/opt/app/plugins/x.so", false)).isEqualTo("other");
        assertThat(ShadowAudit.kind("/usr/lib/x86_64-linux-gnu/libssl.so.3.conf", false)).isEqualTo("other");
        assertThat(ShadowAudit.kind("/usr/bin/openssl", false)).isEqualTo("executable");
        assertThat(ShadowAudit.kind("/usr/local/sbin/tool", false)).isEqualTo("executable");
        assertThat(ShadowAudit.kind("/usr/lib/apt/methods/http", true)).isEqualTo("executable");
        assertThat(ShadowAudit.kind("/etc/ssl/openssl.cnf", false)).isEqualTo("config");
        assertThat(ShadowAudit.kind("/etc/init.d/app", true)).isEqualTo("config");
        assertThat(ShadowAudit.kind("/usr/share/zoneinfo/UTC", false)).isEqualTo("other");
    }

    @Test
    void isSystemDir_usrLibBinSbinEtcOpt_notVarSrvHomeTmpRun() {
        assertThat(Set.of("usr", "lib", "lib64", "libx32", "bin", "sbin", "etc", "opt")).allMatch(ShadowAudit::isSystemDir);
        assertThat(Set.of("var", "srv", "home", "tmp", "run", "root", "data")).noneMatch(ShadowAudit::isSystemDir);
    }

    @Test
    void audit_reportsOwnFilesAndSymlinksOverHostPaths_underSystemDirsOnly() throws IOException {
        hostFile("usr/lib/x86_64-linux-gnu/libz.so.1.2.13");
        hostFile("usr/lib/x86_64-linux-gnu/libz.so.1");
        hostFile("usr/bin/tool");
        hostFile("etc/app.conf");
        hostFile("var/lib/app/state");
        Files.createDirectories(host.resolve("usr/share"));
        ownFile("usr/lib/x86_64-linux-gnu/libz.so.1.2.13");
        Files.createSymbolicLink(upper.resolve("usr/lib/x86_64-linux-gnu/libz.so.1"), Path.of("libz.so.1.2.13"));
        ownFile("usr/lib/x86_64-linux-gnu/libnew.so.1"); // the host has none: hides nothing
        Files.setPosixFilePermissions(ownFile("usr/bin/tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ownFile("etc/app.conf");
        ownFile("var/lib/app/state"); // data, not a system directory
        ownFile("usr/share/myapp/data.txt"); // a directory the host lacks: not walked
        ownFile("etc/newdir/x.conf");

        assertThat(new ShadowAudit(new HostRoot(host), Set.of()).audit(upper, Set.of("/etc/app.conf"))).containsExactly(
                new ShadowedFile("/etc/app.conf", "config", true),
                new ShadowedFile("/usr/bin/tool", "executable", false),
                new ShadowedFile("/usr/lib/x86_64-linux-gnu/libz.so.1", "library", false),
                new ShadowedFile("/usr/lib/x86_64-linux-gnu/libz.so.1.2.13", "library", false));
    }

    @Test
    void audit_doesNotFollowSymlinkedDirectories_norEnterMountPoints() throws IOException {
        hostFile("usr/lib/secret/libx.so.1");
        hostFile("opt/vendor/bin/run");
        Files.createDirectories(upper.resolve("usr"));
        Files.createSymbolicLink(upper.resolve("usr/lib"), host.resolve("usr/lib")); // would lead into the host
        ownFile("opt/vendor/bin/run");
        Path mounted = upper.resolve("opt/vendor");

        assertThat(new ShadowAudit(new HostRoot(host), Set.of(mounted)).audit(upper, Set.of()))
                .containsExactly(new ShadowedFile("/usr/lib", "other", false));
    }

    @Test
    void audit_ofAMissingLayer_isEmpty() {
        assertThat(new ShadowAudit(new HostRoot(host), Set.of()).audit(tmp.resolve("gone"), Set.of())).isEmpty();
    }

    private void hostFile(String path) throws IOException {
        Files.createDirectories(host.resolve(path).getParent());
        Files.writeString(host.resolve(path), "host");
    }

    private Path ownFile(String path) throws IOException {
        Files.createDirectories(upper.resolve(path).getParent());
        return Files.writeString(upper.resolve(path), "own");
    }

    @Test
    void audit_leavesOutWhatEverySystemdContainerWritesForItself_butStillFlagsACopiedUpLibrary() throws IOException {
        for (String own : new String[] {"etc/.pwd.lock", "etc/machine-id", "etc/mtab", "etc/resolv.conf", "etc/hosts"}) {
            hostFile(own);
            ownFile(own);
        }
        hostFile("usr/lib/x86_64-linux-gnu/libssl.so.3");
        ownFile("usr/lib/x86_64-linux-gnu/libssl.so.3");

        assertThat(new ShadowAudit(new HostRoot(host), Set.of()).audit(upper, Set.of("/etc/hosts"))).containsExactly(
                new ShadowedFile("/etc/hosts", "config", true),
                new ShadowedFile("/usr/lib/x86_64-linux-gnu/libssl.so.3", "library", false));
    }
}
