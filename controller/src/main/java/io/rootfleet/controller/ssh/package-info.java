/**
 * The controller's SSH edge: {@link io.rootfleet.controller.ssh.RemoteHost} runs argv commands and installs files
 * on one host, in domain terms; {@link io.rootfleet.controller.ssh.SshClient} opens the JSch implementation,
 * {@link io.rootfleet.controller.ssh.SshSession}, for an {@link io.rootfleet.controller.ssh.SshTarget}, directly or
 * through its jump hosts. {@link io.rootfleet.controller.ssh.SshTargets} makes targets as {@code ssh ALIAS} would,
 * from what the caller gives and the user's {@link io.rootfleet.controller.ssh.SshConfig} (pure).
 *
 * <p>Failures are {@link io.rootfleet.controller.ssh.RemoteHostException}s whose messages are written for the
 * user. {@link io.rootfleet.controller.ssh.HostUnreachableException} (refused, timed out, connection lost) is
 * what the CLI maps to "unreachable"; host key, authentication, command and upload failures have their own types.
 *
 * <p>Only this package uses JSch. It depends on nothing else in rootfleet.
 */
@Uses({})
package io.rootfleet.controller.ssh;

import io.rootfleet.model.Uses;
