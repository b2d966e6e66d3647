package dev.fanout.fetcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for tests on loopback addresses. */
public final class Ports {

    private Ports() {
    }

    /** A port that was just free on {@code host} and is closed now: connecting to it is refused. */
    public static int closed(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }
}
