package org.fieldmark.bootstrap.server;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaded {@code fieldmark-server.jar} run as users run it ({@code java -jar}, nothing else on
 * the class path), as a child process: its output (stdout and stderr together) is kept line by
 * line, and the port it listens on is read from its "listening" line.
 */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("fieldmark.server.jar", "target/fieldmark-server.jar"));

    /** What Linux reports for a process ended by SIGKILL (signal 9): 128 + 9. */
    static final int KILLED_BY_SIGKILL = 137;

    private static final Pattern LISTENING = Pattern.compile("Fieldmark listening on http://[^:]+:(\\d+)/");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<Void> outputRead = new CompletableFuture<>();

    private ServerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar with {@code options}, its temporary files (SQLite's native library) in {@code tmp}. */
    static ServerProcess start(Path tmp, List<String> options) throws IOException {
        return start(tmp, List.of(), options);
    }

    /** As {@link #start(Path, List)}, with JVM options before {@code -jar}. */
    static ServerProcess start(Path tmp, List<String> jvmOptions, List<String> options) throws IOException {
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.io.tmpdir=" + tmp));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        return new ServerProcess(process);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.add(line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the server ended without listening: " + output));
        outputRead.complete(null);
    }

    /** The port the server listens on, once it says so. */
    int awaitPort() throws Exception {
        return port.get(60, TimeUnit.SECONDS);
    }

    /** A model server on 127.0.0.1 that answers every {@code /invocations} call with {@code answer}. */
    static HttpServer model(String answer) throws IOException {
        HttpServer model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/invocations", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        model.start();
        return model;
    }

    /** Every line the server wrote so far (all of them once it has ended and its output is read). */
    List<String> output() {
        return List.copyOf(output);
    }

    /** Lines matching {@code line} so far. */
    long count(Predicate<String> line) {
        return output.stream().filter(line).count();
    }

    /** Ends the server as a power cut would: SIGKILL, no shutdown hook runs. Returns its exit code. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(20));
    }

    /** Asks the server to stop (SIGTERM: its shutdown hook runs) and waits; returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        return awaitExit(Duration.ofSeconds(30));
    }

    boolean alive() {
        return process.isAlive();
    }

    private int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        try {
            // The reader has every line once the pipe is closed.
            outputRead.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the server's output was not read to its end", e);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
