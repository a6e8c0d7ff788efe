package io.rootfleet.agent.stale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcMapsTest {
    private static final String MAPS = """
            560d0cccc000-560d0ccce000 r--p 00000000 00:3b 1451769                    /usr/local/lib/rf-it-1/sleep
            560d0ccce000-560d0ccd3000 r-xp 00002000 00:3b 1451769                    /usr/local/lib/rf-it-1/sleep
            560d36d57000-560d36d78000 rw-p 00000000 00:00 0                          [heap]
            7f974edf7000-7f974edfa000 rw-p 00000000 00:00 0 \

            7f974edfa000-7f974ee20000 r--p 00000000 00:3b 339380                     /usr/lib/x86_64-linux-gnu/libc.so.6
            7f974ee20000-7f974ef76000 r-xp 00026000 00:3b 339380                     /usr/lib/x86_64-linux-gnu/libc.so.6
            7f1c39000000-7f1c39400000 r--p 00000000 00:3b 4242                       /usr/lib/locale/locale-archive
            7f974efe7000-7f974efeb000 r--p 00000000 00:00 0                          [vvar]
            7f974efed000-7f974efef000 r-xp 00000000 00:00 0                          [vdso]
            7f1c3a000000-7f1c3a200000 rw-s 00000000 00:01 2058                       /memfd:wayland-shm (deleted)
            7f1c3b000000-7f1c3b100000 rw-s 00000000 00:19 7                          /dev/shm/app data (deleted)
            55ae7144e000-55ae71450000 r--p 00000000 00:3c 2146605                    /srv/my app/bin (deleted)
            55ae71450000-55ae71455000 r-xp 00002000 00:3c 2146605                    /srv/my app/bin (deleted)
            7ffecde54000-7ffecde75000 rw-p 00000000 00:00 0                          [stack]
            7f974eff0000-7f974f016000 r-xp 00001000 103:02 338944                    /mnt/data/lib.so
            ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
            """;

    @Test
    void parse_keepsEachFileOnce_withDeviceInodeFirstRangeDeletedMarkAndWhetherAnyMappingExecutes() {
        List<MappedFile> files = ProcMaps.parse(MAPS);

        assertThat(files).containsExactly(
                new MappedFile("/usr/local/lib/rf-it-1/sleep", 0, 0x3b, 1451769, "560d0cccc000-560d0ccce000", false, true),
                new MappedFile("/usr/lib/x86_64-linux-gnu/libc.so.6", 0, 0x3b, 339380, "7f974edfa000-7f974ee20000", false, true),
                new MappedFile("/usr/lib/locale/locale-archive", 0, 0x3b, 4242, "7f1c39000000-7f1c39400000", false, false),
                new MappedFile("/dev/shm/app data", 0, 0x19, 7, "7f1c3b000000-7f1c3b100000", true, false),
                new MappedFile("/srv/my app/bin", 0, 0x3c, 2146605, "55ae7144e000-55ae71450000", true, true),
                new MappedFile("/mnt/data/lib.so", 0x103, 2, 338944, "7f974eff0000-7f974f016000", false, true));
    }

    @Test
    void parseLine_skipsAnonymousPseudoMemfdAndInodeZero() {
        assertThat(ProcMaps.parseLine("7f974edf7000-7f974edfa000 rw-p 00000000 00:00 0 ")).isNull();
        assertThat(ProcMaps.parseLine("7f974edf7000-7f974edfa000 rw-p 00000000 00:00 0")).isNull();
        assertThat(ProcMaps.parseLine("7ffe-7fff rw-p 00000000 00:00 0                          [stack]")).isNull();
        assertThat(ProcMaps.parseLine("7f1c-7f1d rw-s 00000000 00:01 2058       /memfd:pulseaudio (deleted)")).isNull();
        assertThat(ProcMaps.parseLine("7f1c-7f1d r--p 00000000 00:05 0          /anon_hugepage")).isNull();
        assertThat(ProcMaps.parseLine("")).isNull();
    }

    @Test
    void parseLine_undoesTheNewlineEscape_andSkipsNamesThatAreNotUtf8() {
        assertThat(ProcMaps.parseLine("1000-2000 r--p 00000000 00:3b 12 /opt/odd\\012name").path()).isEqualTo("/opt/odd\nname");
        assertThat(ProcMaps.parseLine("1000-2000 r--p 00000000 00:3b 12 /opt/bad\uFFFDname")).isNull();
    }
}
