package io.rootfleet.agent.stale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {
    @TempDir
    Path proc;

    @Test
    void startTicks_isField22_evenWhenTheCommandHoldsSpacesAndParentheses() {
        String stat = "6310 (my (odd) cmd) S 6299 6310 6310 0 -1 4194560 144 0 0 0 0 0 0 0 20 0 1 0 354922 2560000 304";
        assertThat(ProcFs.startTicks(stat)).isEqualTo(354922);
    }

    @Test
    void bootTime_readsBtime() {
        assertThat(ProcFs.bootTime("cpu  1 2 3\nintr 5\nbtime 1795310430\nprocesses 9\n")).isEqualTo(1795310430);
    }

    @Test
    void device_splitsStDevAsGlibcDoes() {
        assertThat(ProcFs.Device.of(59)).isEqualTo(new ProcFs.Device(0, 0x3b));
        assertThat(ProcFs.Device.of(0xfe00)).isEqualTo(new ProcFs.Device(0xfe, 0));
        assertThat(ProcFs.Device.of((259L << 8) | 2)).isEqualTo(new ProcFs.Device(259, 2));
        assertThat(ProcFs.Device.of((1L << 20) | 0x1234)).isEqualTo(new ProcFs.Device(0x12, 0x100 | 0x34));
    }

    @Test
    void processesIn_groupsByPidNamespace_skippingVanishedProcessesAndOtherEntries() throws IOException {
        process(1, "pid:[4026531836]");
        process(100, "pid:[4026532328]");
        process(101, "pid:[4026532328]");
        process(250, "pid:[4026532395]");
        process(99, "pid:[4026532328]");
        Files.createDirectories(proc.resolve("300")); // exited between the listing and the readlink
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("stat"), "btime 1\n");

        Map<String, List<Integer>> found = new ProcFs(proc).processesIn(Set.of("pid:[4026532328]", "pid:[4026532395]"));

        assertThat(found).containsOnly(
                Map.entry("pid:[4026532328]", List.of(99, 100, 101)), Map.entry("pid:[4026532395]", List.of(250)));
    }

    @Test
    void readsOfAGoneProcess_areEmpty() {
        ProcFs fs = new ProcFs(proc);
        assertThat(fs.maps(42)).isEmpty();
        assertThat(fs.command(42)).isEmpty();
        assertThat(fs.pidNamespace(42)).isEmpty();
        assertThat(fs.rootDevice(42)).isEmpty();
        assertThat(fs.mappedLinks(42, "1000-2000")).isEmpty();
    }

    @Test
    void startTime_isBootTimePlusTicks() throws IOException {
        Files.writeString(proc.resolve("stat"), "cpu 1\nbtime 1795310430\n");
        process(7, "pid:[1]");
        Files.writeString(proc.resolve("7/stat"), "7 (sleep) S 1 7 7 0 -1 4194560 144 0 0 0 0 0 0 0 20 0 1 0 354922 2 3\n");

        assertThat(new ProcFs(proc).startTime(7)).contains(Instant.ofEpochMilli(1795310430_000L + 3549_220L));
    }

    private void process(int pid, String namespace) throws IOException {
        Path ns = Files.createDirectories(proc.resolve(pid + "/ns"));
        Files.createSymbolicLink(ns.resolve("pid"), Path.of(namespace));
    }
}
