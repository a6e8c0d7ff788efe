package io.rootfleet.agent.hook;

import io.rootfleet.agent.host.AgentHome;
import io.rootfleet.agent.state.HostLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * What apt and dpkg call ({@code hook run}): hand the work to a background {@code hook settle} and return at
 * once, so the package manager never waits for a restart. When a settle is already waiting, it will cover this
 * change too, and no process is started.
 */
public final class HookRunner {
    private final AgentHome home;
    private final AgentProcess agent;
    private final HookLog log;

    public HookRunner(AgentHome home, AgentProcess agent, HookLog log) {
        this.home = home;
        this.agent = agent;
        this.log = log;
    }

    /** Starts {@code hook settle} with these options unless one is waiting already. */
    public void run(RestartFlags restart, SettleOptions settle) throws IOException {
        if (!Files.isDirectory(home.dir())) {
            throw new NoSuchFileException(home.dir().toString(), null, "no agent home here, so no container to restart");
        }
        log.rotate();
        try (HostLock free = HookSettler.tryLock(home.hookWaitLock())) {
            if (free == null) {
                log.line(HookSettler.COVERED);
                return;
            }
        }
        List<String> args = new ArrayList<>(List.of("hook", "settle", "--agent", agent.launcher().value()));
        args.addAll(restart.argv());
        args.addAll(settle.argv());
        Process settler = agent.startDetached(args, log.file());
        log.line("packages changed; hook settle (pid " + settler.pid() + ") waits for apt and dpkg to finish, then"
                + " restarts the stale containers");
    }
}
