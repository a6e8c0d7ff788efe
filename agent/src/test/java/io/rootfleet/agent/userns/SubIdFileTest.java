package io.rootfleet.agent.userns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubIdFileTest {
    private static final IdRange POOL = IdPool.DEFAULT.whole();

    @Test
    void parse_readsEntriesWithLineNumbersAndSkipsCommentsAndBlanks() {
        SubIdFile f = SubIdFile.parse("/etc/subuid", "# users\nalice:100000:65536\n\n1001:165536:65536\n");
        assertThat(f.entries()).containsExactly(
                new SubIdFile.Entry(2, "alice", new IdRange(100000, 65536)),
                new SubIdFile.Entry(4, "1001", new IdRange(165536, 65536)));
    }

    @Test
    void parse_refusesAMalformedLineNamingFileAndLine() {
        assertThatThrownBy(() -> SubIdFile.parse("/etc/subuid", "alice:100000:65536\nbob:x:1\n"))
                .isInstanceOf(SubIdFile.SubIdConflictException.class)
                .hasMessage("/etc/subuid:2: cannot read 'bob:x:1'; each line must be OWNER:FIRST:COUNT with FIRST at "
                        + "least 1 (see subuid(5)). Fix the line, then run again");
        assertThatThrownBy(() -> SubIdFile.parse("/etc/subgid", "carol:0:65536"))
                .hasMessageStartingWith("/etc/subgid:1: cannot read 'carol:0:65536'");
    }

    @Test
    void missingLine_isThePoolForRootWhenAbsent() {
        SubIdFile f = SubIdFile.parse("/etc/subuid", "alice:100000:65536\n");
        assertThat(f.missingLine("root", 0, POOL)).contains("root:1073741824:1073610752");
        assertThat(f.withLine("root:1073741824:1073610752")).isEqualTo("alice:100000:65536\nroot:1073741824:1073610752\n");
    }

    @Test
    void missingLine_isNothingWhenRootsLineCoversThePool_byNameOrUid() {
        assertThat(SubIdFile.parse("f", "root:1073741824:1073610752\n").missingLine("root", 0, POOL)).isEmpty();
        assertThat(SubIdFile.parse("f", "0:1000000:2146352576\n").missingLine("root", 0, POOL)).isEmpty();
        // a partial line of root's own is no conflict, but does not do
        assertThat(SubIdFile.parse("f", "root:1073741824:65536\n").missingLine("root", 0, POOL)).isPresent();
    }

    @Test
    void missingLine_refusesAnotherOwnersRangeInThePool() {
        SubIdFile f = SubIdFile.parse("/etc/subgid", "alice:100000:65536\nlxd:1073800000:65536\n");
        assertThatThrownBy(() -> f.missingLine("root", 0, POOL))
                .isInstanceOf(SubIdFile.SubIdConflictException.class)
                .hasMessage("/etc/subgid:2: 'lxd' has ids 1073800000-1073865535, which overlap rootfleet's id pool "
                        + "1073741824-2147352575 (root:1073741824:1073610752); containers would share ids with that user's "
                        + "namespaces. Move that user's range out of the pool (usermod --del-subuids/--add-subuids) and run again");
    }

    @Test
    void withLine_addsTheMissingNewlineAndWorksOnAnEmptyFile() {
        assertThat(SubIdFile.parse("f", "alice:100000:65536").withLine("root:1:2")).isEqualTo("alice:100000:65536\nroot:1:2\n");
        assertThat(SubIdFile.parse("f", "").withLine("root:1:2")).isEqualTo("root:1:2\n");
    }

    @Test
    void rangesOfOthers_leavesRootOut() {
        SubIdFile f = SubIdFile.parse("f", "root:5000000:65536\nalice:100000:65536\n0:7000000:1\n");
        assertThat(f.rangesOfOthers("root", 0)).isEqualTo(List.of(new IdRange(100000, 65536)));
    }
}
