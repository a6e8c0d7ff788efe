package io.rootfleet.model;

import java.util.Objects;

/** A host directory or file bind-mounted into the container. */
public record MountSpec(AbsolutePath source, AbsolutePath target, boolean readOnly) {
    public MountSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (target.isRoot()) {
            throw new IllegalArgumentException("a mount cannot replace the container's root '/'; pick a directory");
        }
    }
}
