package io.rootfleet.agent.state;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.host.PrivateHome;
import io.rootfleet.agent.sys.AtomicFiles;
import io.rootfleet.agent.userns.IdAllocations;
import io.rootfleet.agent.userns.IdPool;
import io.rootfleet.agent.userns.IdRange;
import io.rootfleet.agent.userns.IdRangeAllocator;
import io.rootfleet.agent.userns.SubIdFiles;
import io.rootfleet.model.ContainerName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Optional;
import java.util.Set;

/**
 * Which id range each unprivileged container owns, kept in {@code HOME/id-ranges.json} (atomic writes, 0600).
 * The callers hold the host lock; the methods are synchronized because one apply writes several containers at
 * once. Before the first range is handed out, root's line for the whole pool is ensured in /etc/subuid and
 * /etc/subgid (LXC's newuidmap checks them), and the ranges other users hold there are kept clear of.
 */
public final class IdRangeStore {
    private final AgentHome home;
    private final SubIdFiles subIds;
    private final IdPool pool;
    private boolean subIdsEnsured;

    public IdRangeStore(AgentHome home, SubIdFiles subIds, IdPool pool) {
        this.home = home;
        this.subIds = subIds;
        this.pool = pool;
    }

    /** The range recorded for {@code container}, if it has one. */
    public synchronized Optional<IdRange> rangeOf(ContainerName container) {
        return read().rangeOf(container);
    }

    /** The containers that have a range recorded: the unprivileged ones. */
    public synchronized Set<ContainerName> containers() {
        return Set.copyOf(read().ranges().keySet());
    }

    /** The container's recorded range, or a new one recorded before it is returned. */
    public synchronized IdRange allocate(ContainerName container) {
        IdAllocations current = read();
        Optional<IdRange> recorded = current.rangeOf(container);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        ensureSubIds();
        IdAllocations next = new IdRangeAllocator(pool, subIds.rangesOfOthers()).allocate(current, container);
        write(next);
        return next.rangeOf(container).orElseThrow();
    }

    /** Forgets the container's range; call it only once no file of the container is owned by it any more. */
    public synchronized void release(ContainerName container) {
        IdAllocations current = read();
        if (current.rangeOf(container).isPresent()) {
            write(IdRangeAllocator.release(current, container));
        }
    }

    /** Root's line for the whole pool in /etc/subuid and /etc/subgid, checked (and written if missing) once a run. */
    public synchronized void ensureSubIds() {
        if (!subIdsEnsured) {
            subIds.ensureRootMaps(pool.whole());
            subIdsEnsured = true;
        }
    }

    private IdAllocations read() {
        if (!Files.exists(home.idRanges(), LinkOption.NOFOLLOW_LINKS)) {
            return IdAllocations.NONE;
        }
        try {
            return IdAllocations.fromJson(Files.readString(home.idRanges()), home.idRanges().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + home.idRanges() + ": " + e.getMessage(), e);
        }
    }

    private void write(IdAllocations allocations) {
        try {
            PrivateHome.ensureDirectory(home.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the agent home " + home.dir() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(home.idRanges(), allocations.toJson() + "\n", PrivateHome.FILE_MODE);
    }
}
