package io.rootfleet.controller.ssh;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an ssh_config file says of one host, before {@code %} tokens and {@code ~} are expanded: the first value
 * of each option, every {@code IdentityFile}, and the options set for it that rootfleet does not honour.
 *
 * @param notHonoured each as {@code Keyword (file:line)}, in file order
 */
public record HostOptions(
        Optional<String> hostName,
        OptionalInt port,
        Optional<String> user,
        List<String> identityFiles,
        Optional<Boolean> identitiesOnly,
        Optional<Duration> connectTimeout,
        Optional<String> userKnownHostsFile,
        Optional<String> proxyJump,
        Optional<Duration> serverAliveInterval,
        OptionalInt serverAliveCountMax,
        List<String> notHonoured) {

    public HostOptions {
        identityFiles = List.copyOf(identityFiles);
        notHonoured = List.copyOf(notHonoured);
    }

    static final HostOptions NONE = new HostOptions(Optional.empty(), OptionalInt.empty(), Optional.empty(), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            OptionalInt.empty(), List.of());
}
