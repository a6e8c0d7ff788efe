package io.rootfleet.controller.push;

import io.rootfleet.controller.ssh.RemoteHost;
import io.rootfleet.controller.ssh.RemoteHostContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code connection: local} keeps the same contract as SSH: same results, same errors. */
class LocalHostIT extends RemoteHostContract {
    private final LocalHost host = new LocalHost("this-host");

    @Override
    protected RemoteHost host() {
        return host;
    }

    @Override
    protected Path sharedDirectory(String name) {
        try {
            return Files.createDirectories(scratch.resolve("shared-" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
