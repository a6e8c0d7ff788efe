package io.rootfleet.controller.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.JSchException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The JSch failures that real-sshd ITs cannot provoke on loopback (no route, DNS, TCP connect timeout). */
class ConnectFailuresTest {
    private final SshTarget target = SshTarget.of("web-01.example.org").withPort(2222);

    @Test
    void tcpConnectTimeout_isConnectTimeout() {
        RemoteHostException failure = translate(new JSchException("timeout: socket is not established"));

        assertThat(failure)
                .isInstanceOf(ConnectTimeoutException.class)
                .hasMessage("web-01.example.org:2222 did not answer within the connect timeout of 10s; check that"
                        + " the host is up and reachable (network, firewall), or raise the connect timeout");
    }

    @Test
    void refused_isConnectionRefused() {
        assertThat(translate(new JSchException("java.net.ConnectException: Connection refused",
                        new ConnectException("Connection refused"))))
                .isInstanceOf(ConnectionRefusedException.class);
    }

    @Test
    void unknownName_andNoRoute_areUnreachable() {
        assertThat(translate(new JSchException("x", new UnknownHostException("web-01.example.org"))))
                .isExactlyInstanceOf(HostUnreachableException.class)
                .hasMessage("cannot resolve the host name web-01.example.org; check its spelling and DNS");
        assertThat(translate(new JSchException("x", new NoRouteToHostException("No route to host"))))
                .isExactlyInstanceOf(HostUnreachableException.class)
                .hasMessage("no route to web-01.example.org:2222; check that the host is up and the network between"
                        + " here and there");
    }

    @Test
    void connectionResetDuringHandshake_isUnreachable() {
        assertThat(translate(new JSchException("Session.connect: java.net.SocketException: Connection reset",
                        new SocketException("Connection reset"))))
                .isExactlyInstanceOf(HostUnreachableException.class)
                .hasMessage("web-01.example.org:2222 closed the connection during the SSH handshake (Connection"
                        + " reset); check sshd's log on that host (MaxStartups, AllowUsers, firewall)");
    }

    @Test
    void authFailure_isAuthentication() {
        assertThat(translate(new JSchException("Auth fail for methods 'publickey'")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("root@web-01.example.org:2222 did not accept any of the keys offered (/k); add the public"
                        + " key to ~root/.ssh/authorized_keys on that host, or pass the right key as the host's"
                        + " identityFile");
    }

    @Test
    void ourOwnExceptionFromInsideJsch_passesThrough() {
        UnknownHostKeyException ours = new UnknownHostKeyException("explained");

        assertThat(translate(new JSchException("Session.connect: " + ours, ours))).isSameAs(ours);
    }

    @Test
    void anythingElse_keepsJschsMessage() {
        assertThat(translate(new JSchException("invalid server's version string")))
                .isExactlyInstanceOf(RemoteHostException.class)
                .hasMessage("SSH connection to root@web-01.example.org:2222 failed: invalid server's version string");
    }

    private RemoteHostException translate(JSchException failure) {
        return ConnectFailures.translate(target, "/k", failure);
    }
}
