package org.fieldmark.benchmarks.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.fieldmark.adapter.http.in.web.WebApi;
import org.fieldmark.adapter.http.in.web.WebApiSettings;
import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.application.service.IdentifyOnceService;
import org.fieldmark.application.service.NewObjectsService;
import org.fieldmark.application.service.RecentIdentifications;
import org.fieldmark.application.service.SightingsService;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.SpeciesNames;

/**
 * Part 3 of the benchmarks: {@code POST /v1/classify} with a ~100 KB JPEG body and a zero-cost
 * model, against a bare Vert.x endpoint that reads the same body and returns fixed JSON, in the
 * same run at the same concurrency. Everything runs in this JVM on 127.0.0.1 (the load generator
 * shares the cores with the servers, for both alike). The load is in time slices, not request
 * counts, and the two sides take turns slice by slice (bare, classify, classify, bare, ...): on a
 * machine whose spare CPU changes within seconds, both sides see the same changes. Both are warmed
 * alike, in the same alternating slices, until each has answered the warm-up's requests (the JIT
 * counts calls, not seconds) and the ratio of the last two slice pairs agrees within 10 %, then
 * measured in three runs; each run's ratio is
 * classify's requests per second over bare's, summed over its slices, and the figure is the
 * median run with the lowest and highest beside it. The {@code rps}/{@code p50}/{@code p99}
 * lines are each side over all measured slices. Prints {@code name value unit} lines.
 *
 * <p>Usage: {@code ServerLoad [seconds per side per run] [concurrency] [warm-up requests per side]}.
 */
public final class ServerLoad {

    private static final byte[] FIXED_JSON = ("{\"message\":\"Bird [upload] is a: Northern Cardinal(0.94)\","
            + "\"confident\":true}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final String CLASSIFY = "/v1/classify?key=upload";
    /** Measured runs; the median run's ratio is the figure, min and max its spread. */
    private static final int RUNS = 3;
    /** One side's turn: short enough that both sides see the same machine, long enough to fill 64 connections. */
    private static final double SLICE_SECONDS = 1.0;
    /** The warm-up's bound on a machine too busy to reach its requests. */
    private static final double MAX_WARM_UP_SECONDS = 60;
    /** How long a slice waits for the next answer after its time is up before it ends without it. */
    private static final long STRAGGLER_SECONDS = 3;
    /** Latencies kept per slice (far above what 2 cores answer in a second). */
    private static final int MAX_LATENCIES = 200_000;

    private ServerLoad() {
    }

    public static void main(String[] args) throws Exception {
        double perRun = args.length > 0 ? Double.parseDouble(args[0]) : 15;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int warmUpRequests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        byte[] jpeg = jpegOfAbout(100 * 1024);

        Vertx vertx = Vertx.vertx();
        try {
            int fieldmark = startFieldmark(vertx, concurrency);
            int bare = startBare(vertx);
            HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(concurrency));
            System.out.println("server.body_bytes " + jpeg.length + " B");
            System.out.println("server.concurrency " + concurrency + " connections");
            Sides sides = new Sides(client, bare, fieldmark, jpeg, concurrency);
            warmUp(sides, warmUpRequests);
            double[] ratios = new double[RUNS];
            Tally bareAll = new Tally();
            Tally classifyAll = new Tally();
            for (int i = 0; i < RUNS; i++) {
                Tally[] run = sides.alternate(perRun);
                ratios[i] = run[1].rps() / run[0].rps();
                System.out.printf(Locale.ROOT, "server.run%d.classify_vs_bare %.2f ratio (%.0f vs %.0f req/s)%n", i + 1,
                        ratios[i], run[1].rps(), run[0].rps());
                bareAll.add(run[0]);
                classifyAll.add(run[1]);
            }
            classifyAll.print("server.classify");
            bareAll.print("server.bare");
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "server.classify_vs_bare %.2f ratio%n", sorted[RUNS / 2]);
            System.out.printf(Locale.ROOT, "server.classify_vs_bare.min %.2f ratio%n", sorted[0]);
            System.out.printf(Locale.ROOT, "server.classify_vs_bare.max %.2f ratio%n", sorted[RUNS - 1]);
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Alternating slices until both sides answered {@code requests} requests and the last two
     * pairs' ratios agree within 10 %; at most {@value #MAX_WARM_UP_SECONDS} s per side.
     */
    private static void warmUp(Sides sides, int requests) throws Exception {
        Tally bareTally = new Tally();
        Tally classifyTally = new Tally();
        double last = 0;
        boolean settled = false;
        while (bareTally.seconds < MAX_WARM_UP_SECONDS
                && !(settled && bareTally.ok >= requests && classifyTally.ok >= requests)) {
            Tally[] pair = sides.alternate(2 * SLICE_SECONDS);
            double ratio = pair[1].rps() / pair[0].rps();
            settled = Math.abs(ratio - last) <= 0.1 * ratio;
            last = ratio;
            bareTally.add(pair[0]);
            classifyTally.add(pair[1]);
        }
        System.out.printf(Locale.ROOT, "server.warm_up %d+%d requests in %.0f+%.0f s (%s)%n", bareTally.ok,
                classifyTally.ok, bareTally.seconds, classifyTally.seconds, settled ? "settled" : "not settled");
    }

    /** The two endpoints under the same client, taking turns. */
    private record Sides(HttpClientAgent client, int bare, int fieldmark, byte[] jpeg, int concurrency) {

        /**
         * About {@code seconds} per side in slices, in the order bare, classify, classify, bare, ...:
         * a drift in the machine's load over the run falls on both sides alike. Bare's tally, then classify's.
         */
        Tally[] alternate(double seconds) throws Exception {
            Tally bareTally = new Tally();
            Tally classifyTally = new Tally();
            int slices = Math.max(2, (int) Math.round(seconds / SLICE_SECONDS));
            for (int i = 0; i < slices; i++) {
                if (i % 2 == 0) {
                    bareTally.add(run(client, bare, "/bare", jpeg, concurrency, SLICE_SECONDS));
                    classifyTally.add(run(client, fieldmark, CLASSIFY, jpeg, concurrency, SLICE_SECONDS));
                } else {
                    classifyTally.add(run(client, fieldmark, CLASSIFY, jpeg, concurrency, SLICE_SECONDS));
                    bareTally.add(run(client, bare, "/bare", jpeg, concurrency, SLICE_SECONDS));
                }
            }
            return new Tally[] {bareTally, classifyTally};
        }
    }

    private static int startFieldmark(Vertx vertx, int concurrency) throws Exception {
        // Zero-cost model: the same vector for every image; storage is never read (uploads only).
        IdentifyBirdService service = IdentifyBirdService.builder(reference -> {
            throw new ImageNotFoundException("no storage in this benchmark");
        }, image -> new ModelOutput(new double[] {0.02, 0.94, 0.03, 0.01}, "zero-cost"),
                new org.fieldmark.application.port.out.NotificationPort() {
                    @Override
                    public void publish(org.fieldmark.application.port.out.IdentificationResult result) {
                        // Nobody is told in this benchmark.
                    }

                    @Override
                    public void publishDigest(org.fieldmark.domain.sighting.DailyDigest digest) {
                    }
                }, IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4)).outbox(new InMemoryOutbox()).build();
        WebApi api = WebApi.builder().identification(service).events(new NewObjectsService(service, new IdentifyOnceService(service,
                        new InMemoryIdempotency(Duration.ofMinutes(15)), System.getLogger(ServerLoad.class.getName()))))
                .recent(new RecentIdentifications())
                .sightings(new SightingsService(new InMemorySightingRepository(), service.outbox(), SpeciesNames.NONE,
                        Clock.systemUTC()))
                .settings(WebApiSettings.defaults().withInferencePool(2, concurrency * 2))
                .registry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .build();
        HttpServer server = vertx.createHttpServer().requestHandler(api.router(vertx)).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private static int startBare(Vertx vertx) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
            if (body.succeeded()) {
                request.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(FIXED_JSON));
            } else {
                request.response().setStatusCode(400).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    /** Requests answered, failed, the seconds they took and their latencies, over one or more slices. */
    private static final class Tally {
        private int ok;
        private int failed;
        private double seconds;
        private long[] latencies = new long[0];

        void add(Tally other) {
            ok += other.ok;
            failed += other.failed;
            seconds += other.seconds;
            long[] both = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, both, latencies.length, other.latencies.length);
            latencies = both;
        }

        double rps() {
            return ok / seconds;
        }

        void print(String name) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%s.rps %.0f req/s%n", name, rps());
            System.out.printf(Locale.ROOT, "%s.p50 %.2f ms%n", name, percentile(sorted, 0.50) / 1e6);
            System.out.printf(Locale.ROOT, "%s.p99 %.2f ms%n", name, percentile(sorted, 0.99) / 1e6);
            System.out.printf(Locale.ROOT, "%s.requests %d requests%n", name, ok);
            System.out.printf(Locale.ROOT, "%s.errors %d requests%n", name, failed);
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    /**
     * POSTs with {@code concurrency} in flight for {@code seconds}: each sender sends again as soon
     * as its answer is in, until the time is up; the slice ends when the last answer is in.
     */
    private static Tally run(HttpClientAgent client, int port, String uri, byte[] body, int concurrency,
                             double seconds) throws Exception {
        Buffer payload = Buffer.buffer(body);
        long[] latencies = new long[MAX_LATENCIES];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        AtomicLong lastAnswer = new AtomicLong(start);
        long deadline = start + (long) (seconds * 1e9);
        Promise<Void> finished = Promise.promise();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(uri).putHeader("Content-Type", "image/jpeg")
                // A request that never gets an answer (seen once on a machine at load 12) fails
                // after 10 s instead of holding the slice.
                .setIdleTimeout(10_000);
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (System.nanoTime() - deadline >= 0) {
                if (done.incrementAndGet() == concurrency) {
                    finished.tryComplete();
                }
                return;
            }
            long sent = System.nanoTime();
            Future<Buffer> answer = client.request(options)
                    .compose(request -> request.send(payload))
                    .compose(response -> response.body().map(b -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + b);
                        }
                        return b;
                    }));
            answer.onComplete(result -> {
                lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                if (result.succeeded()) {
                    int index = ok.getAndIncrement();
                    if (index < latencies.length) {
                        latencies[index] = System.nanoTime() - sent;
                    }
                } else if (failed.incrementAndGet() == 1) {
                    System.err.println("server: first failed request on " + uri + ": " + result.cause());
                }
                next[0].run();
            });
        };
        for (int i = 0; i < concurrency; i++) {
            next[0].run();
        }
        if (!awaitLastAnswers(finished, lastAnswer, deadline)) {
            System.err.printf(Locale.ROOT, "server: %s slice ended with %d of %d senders waiting %d s for an answer%n",
                    uri, concurrency - done.get(), concurrency, STRAGGLER_SECONDS);
        }
        Tally tally = new Tally();
        tally.ok = ok.get();
        tally.failed = failed.get();
        tally.seconds = (Math.max(lastAnswer.get(), deadline) - start) / 1e9;
        tally.latencies = Arrays.copyOf(latencies, Math.min(tally.ok, latencies.length));
        return tally;
    }

    /**
     * Waits for the answers still out as long as they keep coming: a request that never gets its
     * answer (one in tens of thousands here, on the bare side; its idle timeout does not end it)
     * must not hold the slice, and a busy machine's slow answers must not be cut off. Whether all came.
     */
    private static boolean awaitLastAnswers(Promise<Void> finished, AtomicLong lastAnswer, long deadline)
            throws Exception {
        java.util.concurrent.CompletableFuture<Void> all = finished.future().toCompletionStage().toCompletableFuture();
        while (!all.isDone() && System.nanoTime() - Math.max(lastAnswer.get(), deadline)
                < TimeUnit.SECONDS.toNanos(STRAGGLER_SECONDS)) {
            try {
                all.get(100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // still waiting
            }
        }
        return all.isDone();
    }

    /** A real JPEG (noise over a gradient) whose size is close to {@code target} bytes. */
    static byte[] jpegOfAbout(int target) throws IOException {
        Random random = new Random(7);
        int side = 200;
        byte[] best = null;
        for (int attempt = 0; attempt < 12; attempt++) {
            BufferedImage image = new BufferedImage(side, side * 3 / 4, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int noise = random.nextInt(64);
                    image.setRGB(x, y, ((x + noise) & 0xFF) << 16 | ((y + noise) & 0xFF) << 8 | (noise * 3 & 0xFF));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            best = out.toByteArray();
            if (best.length >= target * 0.9 && best.length <= target * 1.1) {
                return best;
            }
            side = (int) Math.max(32, side * Math.sqrt((double) target / best.length));
        }
        return best;
    }
}
