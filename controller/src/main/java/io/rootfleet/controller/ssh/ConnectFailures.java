package io.rootfleet.controller.ssh;

import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns the exceptions of a failed JSch connect into rootfleet's, with messages that say what to do. */
final class ConnectFailures {
    private ConnectFailures() {}

    static RemoteHostException translate(SshTarget target, String keysOffered, JSchException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RemoteHostException alreadyExplained) {
                return alreadyExplained; // thrown from our callbacks inside JSch, e.g. host key verification
            }
        }
        String where = target.hostAndPort();
        String message = String.valueOf(failure.getMessage());
        Throwable root = rootCause(failure);
        // the jump host's sshd refused the direct-tcpip channel: it could not connect there, or may not forward
        if (target.via().isPresent() && String.valueOf(root.getMessage()).contains("channel is not opened")) {
            return new HostUnreachableException("cannot reach " + where + " through the jump host "
                    + target.via().get().hostAndPort() + ": it could not open a connection there (" + message + ");"
                    + " check that the host is up, that the jump host can reach it, and that the jump host's sshd"
                    + " allows TCP forwarding (AllowTcpForwarding)", failure);
        }
        if (root instanceof ConnectException) {
            return new ConnectionRefusedException("cannot connect to " + where + ": connection refused; check that"
                    + " the host is up and sshd listens on port " + target.port(), failure);
        }
        if (root instanceof SocketTimeoutException || message.startsWith("timeout")) {
            return timedOut(target, failure);
        }
        if (root instanceof UnknownHostException) {
            return new HostUnreachableException("cannot resolve the host name " + target.address()
                    + "; check its spelling and DNS", failure);
        }
        if (root instanceof NoRouteToHostException) {
            return new HostUnreachableException("no route to " + where + "; check that the host is up and the"
                    + " network between here and there", failure);
        }
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return new AuthenticationException(target + " did not accept any of the keys offered (" + keysOffered
                    + "); add the public key to ~" + target.user() + "/.ssh/authorized_keys on that host, or pass"
                    + " the right key as the host's identityFile", failure);
        }
        if (failure instanceof JSchAlgoNegoFailException) {
            return new RemoteHostException("cannot agree on SSH algorithms with " + where + ": " + message
                    + "; its sshd is too old or restricted for this client", failure);
        }
        if (root instanceof IOException || message.contains("closed by foreign host")) {
            return new HostUnreachableException(where + " closed the connection during the SSH handshake ("
                    + root.getMessage() + "); check sshd's log on that host (MaxStartups, AllowUsers, firewall)",
                    failure);
        }
        return new RemoteHostException("SSH connection to " + target + " failed: " + message, failure);
    }

    static ConnectTimeoutException timedOut(SshTarget target, Exception cause) {
        return new ConnectTimeoutException(target.hostAndPort() + " did not answer within the connect timeout of "
                + Durations.human(target.connectTimeout()) + "; check that the host is up and reachable (network,"
                + " firewall), or raise the connect timeout", cause);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
