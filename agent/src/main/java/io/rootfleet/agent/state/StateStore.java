package io.rootfleet.agent.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.PrivateHome;
import io.rootfleet.agent.sys.AtomicFiles;
import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.codec.DesiredStateReader;
import io.rootfleet.model.codec.DesiredStateWriter;
import io.rootfleet.model.yaml.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The agent's memory across runs, in the same JSON the controller sends: the desired state of the host,
 * and per container the spec its files were last written from and the result of its last health check. Every
 * write is atomic and 0600 (env values may be secrets).
 */
public final class StateStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AgentHome home;

    public StateStore(AgentHome home) {
        this.home = home;
    }

    public Optional<DesiredState> readDesired() {
        return read(home.desiredFile());
    }

    public void writeDesired(DesiredState state) {
        AtomicFiles.write(home.desiredFile(), DesiredStateWriter.toJson(state) + "\n", PrivateHome.FILE_MODE);
    }

    /** The spec a container was last written from; empty if it never finished being written (or is unreadable). */
    public Optional<ContainerSpec> readApplied(ContainerName name) {
        try {
            return read(home.appliedSpec(name)).map(s -> s.containers().get(0));
        } catch (InvalidInputException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    public void writeApplied(ContainerSpec spec) {
        AtomicFiles.write(home.appliedSpec(spec.name()), DesiredStateWriter.toJson(new DesiredState(List.of(spec))) + "\n",
                PrivateHome.FILE_MODE);
    }

    /**
     * Remembers the result of a container's health check; one file per container, so checks of different
     * containers (in parallel, or by another agent run) never overwrite each other. Nothing is written for a
     * container whose directory is gone (destroyed meanwhile).
     */
    public void writeHealth(ContainerName name, HealthRecord record) {
        if (!Files.isDirectory(home.containerDir(name), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            AtomicFiles.write(home.health(name), JSON.writeValueAsString(record) + "\n", PrivateHome.FILE_MODE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the health of " + name + ": " + e.getMessage(), e);
        }
    }

    /** The result of the container's last health check; empty when it has none (or it is unreadable). */
    public Optional<HealthRecord> readHealth(ContainerName name) {
        Path file = home.health(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readString(file), HealthRecord.class));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<DesiredState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DesiredStateReader.read(Files.readAllBytes(file), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
