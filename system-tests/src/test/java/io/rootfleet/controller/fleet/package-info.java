/**
 * Integration tests of the controller against a simulated fleet: real OpenSSH sshd servers on 127.0.0.x
 * ({@link io.rootfleet.controller.ssh.SshdHarness}), each running this checkout's real agent
 * ({@code bin/rootfleet-agent}) in its own agent home under {@code /tmp/rf-fleet-ID}, so that every host's
 * containers are real LXC containers. {@link io.rootfleet.controller.fleet.SimulatedFleet} owns a test's
 * homes and tears them down (kill containers, unmount, check mountinfo, delete); the tests run the controller
 * in-process through {@code RootfleetCli.run} and, once, through {@code bin/rootfleet}.
 */
package io.rootfleet.controller.fleet;
