package org.fieldmark.adapter.mqtt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of an in-JVM broker, which gives it what a broker process gets
 * from signals: a port that outlives the broker ({@link #shut()} and {@link #open(int)} keep it),
 * connections cut at once as by a crash, and a {@link #pause()} that holds every byte, as a
 * frozen (SIGSTOP) broker would.
 */
public final class TcpRelay implements AutoCloseable {

    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private boolean paused;
    private volatile ServerSocket listener;
    private volatile int target;

    /**
     * Binds 127.0.0.1 and a free port (kept bound: no window for another process to take it);
     * connections wait in the backlog until {@link #open(int)}.
     */
    public TcpRelay() {
        listener = bind(0);
        port = listener.getLocalPort();
    }

    public int port() {
        return port;
    }

    /** Listens on {@link #port()} again and relays every new connection to 127.0.0.1:{@code targetPort}. */
    public synchronized void open(int targetPort) {
        target = targetPort;
        ServerSocket socket = listener != null ? listener : bind(port);
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "relay-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops listening and resets every relayed connection (RST, no goodbye). */
    public synchronized void shut() {
        ServerSocket socket = listener;
        listener = null;
        if (socket != null) {
            close(socket);
        }
        for (Socket open : sockets) {
            try {
                open.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed
            }
            close(open);
        }
        sockets.clear();
        resume();
    }

    /** Holds every byte in both directions until {@link #resume()}: connections stay open, nothing arrives. */
    void pause() {
        synchronized (gate) {
            paused = true;
        }
    }

    void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        shut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                return;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                close(client);
                close(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    awaitResumed();
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException gone) {
                // one side closed or was reset: close the other as well
            } finally {
                close(from);
                close(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "relay-" + from.getPort() + "-" + to.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitResumed() throws InterruptedException {
        synchronized (gate) {
            while (paused) {
                gate.wait();
            }
        }
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
