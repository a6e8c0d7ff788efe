package io.rootfleet.agent.cli;

import io.rootfleet.agent.hook.HookFile;
import io.rootfleet.agent.hook.HookInstaller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the hook's files go: apt's and dpkg's configuration directories. */
final class HookFileOptions {
    @Option(names = "--apt-conf-dir", paramLabel = "DIR", description = "apt's configuration parts (default: ${DEFAULT-VALUE}).")
    Path aptDir = HookFile.APT.defaultDir();

    @Option(names = "--dpkg-conf-dir", paramLabel = "DIR", description = "dpkg's configuration parts (default: ${DEFAULT-VALUE}).")
    Path dpkgDir = HookFile.DPKG.defaultDir();

    @Option(names = "--no-dpkg", description = "Only apt's DPkg::Post-Invoke, not dpkg's post-invoke: a plain 'dpkg -i'"
            + " then does not trigger the hook.")
    boolean noDpkg;

    List<HookInstaller.Target> targets() {
        List<HookInstaller.Target> targets = new ArrayList<>(List.of(new HookInstaller.Target(HookFile.APT, aptDir.toAbsolutePath())));
        if (!noDpkg) {
            targets.add(new HookInstaller.Target(HookFile.DPKG, dpkgDir.toAbsolutePath()));
        }
        return targets;
    }
}
