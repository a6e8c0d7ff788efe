package io.rootfleet.agent.stale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaleVerdictTest {
    private static final String LIBSSL = "/usr/lib/x86_64-linux-gnu/libssl.so.3";

    /** What the layers hold, written down. */
    private static final class Layers implements LayerView {
        final Map<String, OwnEntry> own = new HashMap<>();
        final Set<String> mask = new HashSet<>();
        final Map<String, Long> host = new HashMap<>();
        final Map<Integer, Long> links = new HashMap<>();

        @Override
        public Optional<OwnEntry> own(String path) {
            return Optional.ofNullable(own.get(path));
        }

        @Override
        public boolean masked(String path) {
            return mask.contains(path);
        }

        @Override
        public OptionalLong hostInode(String path) {
            return host.containsKey(path) ? OptionalLong.of(host.get(path)) : OptionalLong.empty();
        }

        @Override
        public OptionalLong mappedLinks(int pid, MappedFile file) {
            return links.containsKey(pid) ? OptionalLong.of(links.get(pid)) : OptionalLong.empty();
        }
    }

    private final Layers layers = new Layers();

    private static MappedFile mapped(String path, long inode) {
        return new MappedFile(path, 0, 0x3b, inode, "1000-2000", false, true);
    }

    @Test
    void hostFile_sameInode_isCurrent() {
        layers.host.put(LIBSSL, 100L);
        assertThat(StaleVerdict.judge(1, mapped(LIBSSL, 100), layers)).isEmpty();
    }

    @Test
    void hostFile_newInode_isReplacedOnTheHost() {
        layers.host.put(LIBSSL, 200L);
        assertThat(StaleVerdict.judge(1, mapped(LIBSSL, 100), layers))
                .contains(new StaleVerdict.Finding("replaced on the host", 200L));
    }

    @Test
    void hostFile_gone_isRemovedFromTheHost() {
        assertThat(StaleVerdict.judge(1, mapped(LIBSSL, 100), layers))
                .contains(new StaleVerdict.Finding("removed from the host", null));
    }

    @Test
    void ownCopy_hidesTheHost_andIsCurrentWhileLinked() {
        layers.own.put(LIBSSL, new LayerView.OwnEntry(900, false));
        layers.host.put(LIBSSL, 200L); // the host replaced its own copy: the container does not use that one
        layers.links.put(1, 1L);
        assertThat(StaleVerdict.judge(1, mapped(LIBSSL, 100), layers)).isEmpty();
    }

    @Test
    void ownCopy_withNoLinkLeft_isReplacedInTheOwnLayer() {
        layers.own.put("/srv/app/bin", new LayerView.OwnEntry(900, false));
        layers.links.put(1, 0L);
        assertThat(StaleVerdict.judge(1, mapped("/srv/app/bin", 800), layers))
                .contains(new StaleVerdict.Finding("replaced in the container's own layer", 900L));
    }

    @Test
    void hostFileRenamedOverInsideTheContainer_isReplacedInTheOwnLayer() {
        // the container's own package manager replaced a host library: the host file keeps its link
        layers.own.put(LIBSSL, new LayerView.OwnEntry(900, false));
        layers.host.put(LIBSSL, 100L);
        layers.links.put(1, 1L);
        assertThat(StaleVerdict.judge(1, new MappedFile(LIBSSL, 0, 0x3b, 100, "1000-2000", true, true), layers))
                .contains(new StaleVerdict.Finding("replaced in the container's own layer", 900L));
    }

    @Test
    void ownCopy_processGone_isNotStale() {
        layers.own.put(LIBSSL, new LayerView.OwnEntry(900, false));
        assertThat(StaleVerdict.judge(1, mapped(LIBSSL, 100), layers)).isEmpty();
    }

    @Test
    void deletedByTheContainer_whiteoutOrTemporaryFile_isNotStale() {
        layers.own.put(LIBSSL, new LayerView.OwnEntry(5, true));
        layers.links.put(1, 0L);
        assertThat(StaleVerdict.judge(1, new MappedFile(LIBSSL, 0, 0x3b, 100, "1000-2000", true, true), layers)).isEmpty();
        assertThat(StaleVerdict.judge(1, new MappedFile("/tmp/ffiXyZ", 0, 0x3b, 800, "1000-2000", true, true), layers))
                .isEmpty();
    }

    @Test
    void maskedPath_isNeverStale() {
        layers.mask.add("/etc/ld.so.preload");
        assertThat(StaleVerdict.judge(1, mapped("/etc/ld.so.preload", 100), layers)).isEmpty();
    }
}
