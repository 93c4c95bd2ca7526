package io.shadowgate.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process that opens many idle connections to a port and holds them: run by tests that
 * need more connections than one process's file limit allows for both ends. Prints
 * {@code opened N} (and the error that stopped it short, if any), holds the connections until its
 * standard input closes, then closes them and prints {@code closed}.
 */
public final class IdleClients {
    private IdleClients() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int wanted = Integer.parseInt(args[1]);
        List<SocketChannel> open = new ArrayList<>(wanted);
        String stoppedBy = "";
        try {
            for (int i = 0; i < wanted; i++) {
                open.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
            }
        } catch (IOException e) {
            stoppedBy = " (stopped by " + e + ")";
        }
        System.out.println("opened " + open.size() + stoppedBy);
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // hold the connections until the test closes our standard input
            }
        }
        for (SocketChannel channel : open) {
            channel.close();
        }
        System.out.println("closed");
        System.out.flush();
    }
}
