package io.rootfleet.agent.cli;

import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A desired state given as {@code FILE|-} (apply, status --plan): read, size-capped and validated. */
final class DesiredInput {
    private DesiredInput() {}

    /** @throws InvalidInputException when it is missing, too large or not a valid desired state */
    static DesiredState read(String file) throws IOException {
        return DesiredStateReader.read(bytes(file), source(file));
    }

    /** How problems name it: the file, or {@code <stdin>}. */
    static String source(String file) {
        return file.equals("-") ? "<stdin>" : file;
    }

    private static byte[] bytes(String file) throws IOException {
        if (file.equals("-")) {
            return readCapped(System.in, "<stdin>");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(Location.of(file), "no such file; give the path of a desired-state file, or -");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return readCapped(in, file);
        }
    }

    /** Reads at most one byte past the limit, so a huge input is refused without being held in memory. */
    private static byte[] readCapped(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(SafeYaml.MAX_BYTES + 1);
        if (bytes.length > SafeYaml.MAX_BYTES) {
            throw new InvalidInputException(Location.of(source), "the document is larger than " + SafeYaml.MAX_BYTES
                    + " bytes; split it into several files");
        }
        return bytes;
    }
}
