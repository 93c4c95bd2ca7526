package io.shadowgate.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that accepts connections and never answers: the request is read by nobody and the
 * client waits until its own timeout. Counts the connections it has accepted.
 */
public final class BlackHole implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public BlackHole() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                accepted.add(server.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int acceptedConnections() {
        return accepted.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
