package io.jenkins.plugins.bluegreen.drivers.haproxy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One HAProxy Runtime API exchange: connect, write one line of commands ({@code a; b}), read until HAProxy closes.
 * Non-blocking with a selector so that connect, write and read all share one deadline, on TCP and unix sockets alike.
 */
final class RuntimeApi {

    private final String socket;
    private final Duration timeout;

    RuntimeApi(String socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Sends the commands in one write and returns HAProxy's whole answer. */
    String send(String commands) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketAddress address = address();
        boolean sent = false;
        try (SocketChannel channel = SocketChannel.open(address instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            if (!channel.connect(address)) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                await(selector, deadline, "connect");
                channel.finishConnect();
            }
            ByteBuffer out = ByteBuffer.wrap((commands + "\n").getBytes(StandardCharsets.UTF_8));
            channel.register(selector, SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                await(selector, deadline, "send '" + commands + "'");
                channel.write(out);
            }
            sent = true;
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            while (true) {
                await(selector, deadline, "answer '" + commands + "'");
                int read = channel.read(in);
                if (read < 0) {
                    if (answer.size() == 0) {
                        throw new OutcomeUnknownException("haproxy router at " + socket + " closed the connection without answering '"
                                + commands + "'; the outcome is unknown. Run 'status' to see what HAProxy serves");
                    }
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(in.array(), 0, in.position());
                in.clear();
            }
        } catch (IOException e) {
            if (sent) {
                throw new OutcomeUnknownException("haproxy router at " + socket + ": '" + commands + "' failed: " + e.getMessage()
                        + "; the connection broke after the command was sent, so the outcome is unknown. Run 'status' to see what HAProxy serves", e);
            }
            throw new DriverException("haproxy router at " + socket + ": '" + commands + "' failed: " + e.getMessage()
                    + ". Check that HAProxy runs and has 'stats socket " + socket + " level admin'", e);
        }
    }

    private SocketAddress address() {
        if (socket.startsWith("/")) {
            return UnixDomainSocketAddress.of(Path.of(socket));
        }
        int colon = socket.lastIndexOf(':');
        return new InetSocketAddress(socket.substring(0, colon), Integer.parseInt(socket.substring(colon + 1)));
    }

    private void await(Selector selector, long deadline, String what) throws IOException {
        selector.selectedKeys().clear();
        while (selector.selectedKeys().isEmpty()) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new OutcomeUnknownException("haproxy router at " + socket + " did not " + what + " within " + Durations.format(timeout)
                        + "; the outcome is unknown. Check that the socket is HAProxy's Runtime API and that HAProxy is not stuck");
            }
            selector.select(remainingMillis);
        }
    }
}
