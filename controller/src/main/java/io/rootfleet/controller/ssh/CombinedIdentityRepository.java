package io.rootfleet.controller.ssh;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import java.util.List;
import java.util.Vector;

/**
 * The keys of several sources offered in order, e.g. ssh-agent's then key files'. Read-only on purpose: JSch
 * adds a key file to a non-local repository by loading it into ssh-agent, which rootfleet must never do.
 */
final class CombinedIdentityRepository implements IdentityRepository {
    private final List<IdentityRepository> sources;

    CombinedIdentityRepository(List<IdentityRepository> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public String getName() {
        return "rootfleet keys";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
        Vector<Identity> all = new Vector<>();
        sources.forEach(source -> all.addAll(source.getIdentities()));
        return all;
    }

    @Override
    public boolean add(byte[] identity) {
        return false;
    }

    @Override
    public boolean remove(byte[] blob) {
        return false;
    }

    @Override
    public void removeAll() {}
}
