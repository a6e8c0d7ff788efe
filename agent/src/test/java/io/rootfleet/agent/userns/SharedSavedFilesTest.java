package io.rootfleet.agent.userns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSavedFilesTest {
    @TempDir
    Path dir;

    @Test
    void theLastUser_putsTheFilesBack_asTheyWereBeforeTheFirst() throws Exception {
        Path subuid = Files.writeString(dir.resolve("subuid"), "alice:100000:65536\n");
        Path subgid = dir.resolve("subgid"); // missing at first
        SharedSavedFiles files = new SharedSavedFiles(List.of(subuid, subgid));

        files.acquire();
        Files.writeString(subuid, "alice:100000:65536\nroot:1073741824:1073610752\n");
        Files.writeString(subgid, "root:1073741824:1073610752\n");
        files.acquire(); // a second user, while the first one's line is there
        assertThat(files.release()).as("not the last user").isEmpty();
        assertThat(subuid).as("another user still needs root's line").hasContent("alice:100000:65536\nroot:1073741824:1073610752");
        assertThat(subgid).exists();

        assertThat(files.release()).hasSize(2).allMatch(SavedFile::unchanged);
        assertThat(subuid).hasContent("alice:100000:65536");
        assertThat(subgid).doesNotExist();
    }

    @Test
    void afterTheLastUser_theNextOneSavesAfresh() throws Exception {
        Path subuid = Files.writeString(dir.resolve("subuid"), "a\n");
        SharedSavedFiles files = new SharedSavedFiles(List.of(subuid));
        files.acquire();
        files.release();
        Files.writeString(subuid, "b\n"); // changed by someone else meanwhile: now the state to keep
        files.acquire();
        Files.writeString(subuid, "c\n");
        files.release();
        assertThat(subuid).hasContent("b");
        assertThatThrownBy(files::release).isInstanceOf(IllegalStateException.class);
    }
}
