package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    @Test
    void deliversEachLineAsSoonAsItsNewlineArrives() {
        write("one\ntw");
        assertThat(lines).containsExactly("one");

        write("o\n\nthree");
        assertThat(lines).containsExactly("one", "two", "");

        splitter.close();
        assertThat(lines).containsExactly("one", "two", "", "three");
        assertThat(splitter.text()).isEqualTo("one\ntwo\n\nthree");
    }

    @Test
    void dropsCarriageReturnOfCrlfLinesButKeepsTheText() {
        write("a\r\nb\r\n");

        assertThat(lines).containsExactly("a", "b");
        assertThat(splitter.text()).isEqualTo("a\r\nb\r\n");
    }

    @Test
    void decodesCharactersSplitAcrossWrites() {
        byte[] bytes = "héllo ✓\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            splitter.write(b);
        }

        assertThat(lines).containsExactly("héllo ✓");
    }

    @Test
    void closeWithoutPendingTextDeliversNothing() {
        write("done\n");
        splitter.close();

        assertThat(lines).containsExactly("done");
    }

    private void write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.write(bytes, 0, bytes.length);
    }
}
