package io.rootfleet.agent.engine;

import io.rootfleet.agent.sys.Kernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link Kernel} that mounts nothing: ownership and modes are recorded, a whiteout is an empty file, and the
 * calls a unit test must not reach (mounts, stat) fail loudly.
 */
public final class FakeKernel implements Kernel {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public boolean isRoot() {
        return true;
    }

    @Override
    public void bindReadOnly(Path source, Path target) {
        throw new UnsupportedOperationException("bindReadOnly " + target);
    }

    @Override
    public void remountReadOnly(Path target) {
        throw new UnsupportedOperationException("remountReadOnly " + target);
    }

    @Override
    public void makePrivate(Path target) {
        throw new UnsupportedOperationException("makePrivate " + target);
    }

    @Override
    public void mountTmpfs(Path target, String options) {
        throw new UnsupportedOperationException("mountTmpfs " + target);
    }

    @Override
    public void unmount(Path target) {
        throw new UnsupportedOperationException("unmount " + target);
    }

    @Override
    public void unmountLazily(Path target) {
        throw new UnsupportedOperationException("unmountLazily " + target);
    }

    @Override
    public void whiteout(Path path) {
        calls.add("whiteout " + path);
        try {
            Files.createFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void markOpaque(Path dir) {
        calls.add("opaque " + dir);
    }

    @Override
    public void markOpaqueForUserNamespace(Path dir) {
        calls.add("opaque-userxattr " + dir);
    }

    @Override
    public void lchown(Path path, int uid, int gid) {
        calls.add("chown " + uid + ":" + gid + " " + path);
    }

    @Override
    public void chmod(Path path, int mode) {
        calls.add("chmod " + Integer.toOctalString(mode) + " " + path);
    }

    @Override
    public long allocatedBytes(Path path) {
        throw new UnsupportedOperationException("allocatedBytes " + path);
    }
}
