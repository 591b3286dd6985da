package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.fieldmark.bootstrap.server.BirdLogFile.Told;
import org.fieldmark.wire.json.JsonTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's crash test on the shaded jar: a batch of new photos in the watched folder, the server
 * killed with SIGKILL (as a power cut, an out-of-memory kill or a container stop timeout does) at
 * a different moment each time, then started again on the same folder and bird log. Every photo
 * must end with exactly one sighting, and each channel ({@code log}, counted in the server's
 * output, and a webhook, counted by a receiver here) must have been told about every photo once.
 * The one exception is the window the README names: a channel that took a message while the
 * server died before writing that down is told again; the test allows that only for a delivery
 * the bird log still had pending at the kill, and at most one per sending thread.
 */
class ServerKillIT {

    static final int PHOTOS = 30;
    static final List<String> CHANNELS = List.of("log", "webhook");
    /** Threads that send deliveries: the folder watcher's and the outbox timer's, one delivery at a time each. */
    static final int SENDING_THREADS = 2;

    private static HttpServer model;

    private final CountingWebhook webhook = new CountingWebhook();

    @TempDir
    Path dir;

    private final List<ServerProcess> servers = new ArrayList<>();

    ServerKillIT() throws IOException {
    }

    @BeforeAll
    static void startModel() throws IOException {
        model = ServerProcess.model("[0.02, 0.94, 0.03, 0.01]");
    }

    @AfterAll
    static void stopModel() {
        model.stop(0);
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (ServerProcess server : servers) {
            server.close();
        }
        webhook.close();
    }

    /** Where the first run is killed: each a different point of the batch and of a photo's lifecycle. */
    static Stream<Arguments> killMoments() {
        return Stream.of(
                Arguments.of(KillMoment.LOG_LINES_SEEN, 1),
                Arguments.of(KillMoment.HALF_THE_BATCH_TOLD_TO_LOG, 6),
                Arguments.of(KillMoment.SIGHTINGS_IN_THE_LOG, 12),
                Arguments.of(KillMoment.WEBHOOK_POST_UNANSWERED, 22));
    }

    enum KillMoment { HALF_THE_BATCH_TOLD_TO_LOG, LOG_LINES_SEEN, SIGHTINGS_IN_THE_LOG, WEBHOOK_POST_UNANSWERED }

    @ParameterizedTest(name = "[{index}] killed at {0} {1}")
    @MethodSource("killMoments")
    void everyPhotoHasOneSightingAndEveryChannelIsToldOnceAfterASigkill(KillMoment moment, int n) throws Exception {
        Path folder = dir.resolve("birds");
        BirdLogFile birdLog = new BirdLogFile(dir.resolve("data").resolve("fieldmark.db"));
        List<String> photos = IntStream.range(0, PHOTOS).mapToObj(i -> String.format("feeder/photo-%02d.jpg", i))
                .toList();
        CompletableFuture<Integer> killed = new CompletableFuture<>();
        long began = System.nanoTime();
        ServerProcess first = start(1);
        first.awaitPort();
        if (moment == KillMoment.WEBHOOK_POST_UNANSWERED) {
            webhook.onPost(1, n, () -> killed.complete(kill(first)));
        }
        drop(folder, photos.subList(0, PHOTOS / 2));
        if (moment != KillMoment.HALF_THE_BATCH_TOLD_TO_LOG) {
            drop(folder, photos.subList(PHOTOS / 2, PHOTOS));
        }
        switch (moment) {
            case LOG_LINES_SEEN, HALF_THE_BATCH_TOLD_TO_LOG ->
                    await(() -> first.count(ServerKillIT::told) >= n, "log lines", first);
            case SIGHTINGS_IN_THE_LOG -> await(() -> birdLog.sightingsByPhoto().size() >= n, "sightings", first);
            case WEBHOOK_POST_UNANSWERED -> killed.get(60, TimeUnit.SECONDS);
        }
        int exit = killed.isDone() ? killed.get() : kill(first);
        long killedAt = System.nanoTime();
        Map<Told, String> atKill = birdLog.deliveries();
        int sightingsAtKill = birdLog.sightingsByPhoto().size();
        if (moment == KillMoment.HALF_THE_BATCH_TOLD_TO_LOG) {
            // The rest of the batch arrives while the server is down.
            drop(folder, photos.subList(PHOTOS / 2, PHOTOS));
        }

        ServerProcess second = start(2);
        second.awaitPort();
        await(() -> allDelivered(birdLog, photos) && handled(folder).containsAll(photos), "every delivery", second);
        // Every delivery is written down as delivered: nothing is sent any more, however the server ends.
        second.kill();
        long done = System.nanoTime();

        assertThat(exit).as("destroyForcibly() ends the server with SIGKILL")
                .isEqualTo(ServerProcess.KILLED_BY_SIGKILL);
        assertThat(birdLog.sightingsByPhoto()).as("sightings per photo").hasSize(PHOTOS)
                .allSatisfy((photo, count) -> assertThat(count).as(photo).isEqualTo(1))
                .containsOnlyKeys(photos);
        Map<String, List<String>> before = Map.of("log", toldKeys(first), "webhook", webhook.keys(1));
        Map<String, List<String>> after = Map.of("log", toldKeys(second), "webhook", webhook.keys(2));
        List<Told> toldTwice = new ToldOnce(photos, atKill).check(before, after);
        System.out.printf("kill at %s %d: %d sightings and %d log lines, %d webhook posts before the kill; told "
                        + "again in the window: %s (killed after %d ms, done %d ms later)%n", moment, n, sightingsAtKill,
                before.get("log").size(), before.get("webhook").size(), toldTwice,
                TimeUnit.NANOSECONDS.toMillis(killedAt - began), TimeUnit.NANOSECONDS.toMillis(done - killedAt));
        assertThat(toldTwice).as("told twice: only deliveries under way at the kill").hasSizeLessThanOrEqualTo(
                SENDING_THREADS);
        if (moment == KillMoment.WEBHOOK_POST_UNANSWERED) {
            // The receiver took the n-th POST but the server died before it heard so: sent again.
            assertThat(toldTwice).contains(new Told(webhook.keys(1).get(n - 1), "webhook"));
        }
    }

    private ServerProcess start(int run) throws IOException {
        ServerProcess server = ServerProcess.start(dir.resolve("tmp"), List.of("--server.port=0",
                "--folder.path=" + dir.resolve("birds"), "--folder.poll-interval-ms=200",
                "--folder.stability-delay-ms=50", "--inference=http",
                "--http-model.url=http://127.0.0.1:" + model.getAddress().getPort(),
                "--sightings.store=sqlite", "--sightings.path=" + dir.resolve("data").resolve("fieldmark.db"),
                "--policy.mode=every", "--notify=log,webhook", "--webhook.url=" + webhook.url(run)));
        servers.add(server);
        return server;
    }

    private static int kill(ServerProcess server) {
        try {
            return server.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Copies of a bundled photo, each with its own comment segment: distinct bytes, still whole JPEGs. */
    private static void drop(Path folder, List<String> keys) throws IOException {
        for (String key : keys) {
            String bundled = "/photos/owl.jpg";
            byte[] photo;
            try (InputStream in = Objects.requireNonNull(ServerKillIT.class.getResourceAsStream(bundled), bundled)) {
                photo = in.readAllBytes();
            }
            byte[] comment = ("variant " + key).getBytes(StandardCharsets.US_ASCII);
            byte[] variant = new byte[photo.length + 4 + comment.length];
            System.arraycopy(photo, 0, variant, 0, 2);
            variant[2] = (byte) 0xFF;
            variant[3] = (byte) 0xFE;
            variant[4] = (byte) ((comment.length + 2) >> 8);
            variant[5] = (byte) (comment.length + 2);
            System.arraycopy(comment, 0, variant, 6, comment.length);
            System.arraycopy(photo, 2, variant, 6 + comment.length, photo.length - 2);
            Path file = folder.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, variant);
        }
    }

    /** A notification line of the {@code log} channel. */
    static boolean told(String line) {
        return line.contains("{\"event\":\"msg\"");
    }

    private static List<String> toldKeys(ServerProcess server) {
        return server.output().stream().filter(ServerKillIT::told)
                .map(line -> String.valueOf(((Map<?, ?>) JsonTree.read(
                        line.substring(line.indexOf("{\"event\":\"msg\"")))).get("key")))
                .toList();
    }

    private static boolean allDelivered(BirdLogFile birdLog, List<String> photos) throws Exception {
        Map<Told, String> states = birdLog.deliveries();
        return photos.stream().allMatch(photo -> CHANNELS.stream().allMatch(
                channel -> "DELIVERED".equals(states.get(new Told(photo, channel)))));
    }

    /** The keys the folder watcher's state file records as handled. */
    private static List<String> handled(Path folder) throws IOException {
        Path state = folder.resolve(".fieldmark-state");
        if (!Files.isRegularFile(state)) {
            return List.of();
        }
        return Files.readAllLines(state).stream().filter(line -> line.startsWith("DONE\t"))
                .map(line -> line.split("\t", 4)[3]).toList();
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static void await(Condition condition, String what, ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.met()) {
            if (System.nanoTime() - deadline > 0 || !server.alive() && !condition.met()) {
                throw new AssertionError("waited in vain for " + what + "; the server said:\n"
                        + String.join("\n", server.output()));
            }
            Thread.sleep(5);
        }
    }
}
