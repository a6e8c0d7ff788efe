package io.rootfleet.agent.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What differs between hosts and changes the LXC config the agent writes. */
public record HostFacts(boolean cgroupV2, boolean appArmor) {

    public static HostFacts detect() {
        boolean v2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        boolean appArmor;
        try {
            appArmor = Files.readString(Path.of("/sys/module/apparmor/parameters/enabled")).strip().equals("Y");
        } catch (IOException e) {
            appArmor = false;
        }
        return new HostFacts(v2, appArmor);
    }
}
