package org.fieldmark.benchmarks.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.bootstrap.lambda.FakeLambdaRuntimeApi;

/**
 * Issue 5 part 2: the packaged Lambda jar run as Lambda runs it, in a child JVM with the AWS
 * Lambda runtime interface client, against a loopback Runtime API, s3proxy and zero-latency
 * SageMaker Runtime and SNS stand-ins, all on 127.0.0.1 and free ports. For each JVM option set
 * (interleaved, so load on the machine hits them alike) it starts the function several times
 * and reports, on stdout, one line per figure ({@code name value unit}):
 *
 * <ul>
 *   <li>{@code init}: process start to the runtime's first {@code GET /invocation/next};</li>
 *   <li>{@code first_event}: the first event handed over to its response (the cold invocation);</li>
 *   <li>{@code cold_total}: process start to the first response (init + first event + polling);</li>
 *   <li>{@code warm_p50}, {@code warm_p99}: the following events, one at a time, each handed over
 *       to its response, pooled over the starts;</li>
 *   <li>{@code max_rss}: the child's peak resident set ({@code VmHWM} of {@code /proc/<pid>/status})
 *       after its last event, the largest over the starts.</li>
 * </ul>
 *
 * <p>Every event is one S3 {@code ObjectCreated:Put} record of a 100 kB photo with its own ETag
 * and sequencer (the function skips a record it already did), so each one reads S3, calls the
 * model and publishes to SNS. The harness checks that every event succeeded and that SNS got one
 * message per event, and fails otherwise. Bounded: a fixed number of events, each waited for at
 * most 60 s, each child stopped at the end.
 *
 * <p>The anchor (issue 17): the workshop's Python function under the same loop, environment and
 * stand-ins ({@link WorkshopFunction}), figures {@code lambda.python.*}, when a Python with boto3
 * is there.
 *
 * <p>Arguments: {@code <fieldmark-lambda.jar> <work dir> [--quick] [--only=c1,python]}; {@code --only} runs
 * just the named sets (for measuring one cut against the anchor; AppCDS trains only when named). The runtime client's jars
 * are taken from this JVM's class path.
 */
public final class LambdaBenchmark {

    static final String HANDLER = "org.fieldmark.bootstrap.lambda.S3EventHandler::handleRequest";
    static final String BUCKET = "feeder";
    static final String KEY = "birds/feeder-cam.jpg";
    /** The comment segment that makes each upload's bytes (and so its ETag) new. */
    private static final int UPLOAD_MARK = 12;
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";
    static final String ENDPOINT = "bird-classifier";
    static final int PHOTO_BYTES = 100_000;
    private static final byte[] PHOTO = ImageSamples.jpeg(PHOTO_BYTES);
    /** The function's memory in the SAM template; the JVM sizes its heap from it as in Lambda. */
    static final int MEMORY_MB = 1024;

    private final Path jar;
    private final Path work;
    private final List<String> runtimeClasspath;
    private final S3ProxyServer s3;
    private List<String> workshop = List.of();
    private final FakeSageMakerRuntime sageMaker;
    private final FakeSns sns;
    private int invocations;

    private LambdaBenchmark(Path jar, Path work, List<String> runtimeClasspath, S3ProxyServer s3,
                            FakeSageMakerRuntime sageMaker, FakeSns sns) {
        this.jar = jar;
        this.work = work;
        this.runtimeClasspath = runtimeClasspath;
        this.s3 = s3;
        this.sageMaker = sageMaker;
        this.sns = sns;
    }

    /** JVM option sets compared in the same run. */
    enum Jvm {
        DEFAULT("default"),
        C1("c1", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"),
        APPCDS("appcds", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"),
        /**
         * C1 with the template's bookkeeping: claims and outbox in the photo bucket (IDEMPOTENCY_BUCKET,
         * SIGHTINGS_BUCKET), as deploy/template.yaml sets them; the other sets keep them in memory.
         */
        C1_S3("c1_s3", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"),
        /** Not a JVM: the workshop's Python function, the anchor ({@link WorkshopFunction}). */
        PYTHON("python");

        final String figure;
        final List<String> options;

        Jvm(String figure, String... options) {
            this.figure = figure;
            this.options = List.of(options);
        }
    }

    /** One process start: its cold figures, warm event durations and peak RSS. */
    record Start(Jvm jvm, long initNanos, long firstEventNanos, long coldTotalNanos, long[] warmNanos, long maxRssKb,
                 long warmCpuNanos) {
    }

    public static void main(String[] args) throws Exception {
        // The JDK HTTP server behind the Runtime API and the SageMaker/SNS stand-ins writes a
        // response's headers and body in two packets; with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK (40 ms on Linux) and every call looks 40 ms slower
        // than it is. Real AWS endpoints do not do that: switch Nagle off for these servers.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean quick = rest.remove("--quick");
        Set<String> only = rest.stream().filter(a -> a.startsWith("--only=")).findFirst()
                .map(a -> Set.of(a.substring("--only=".length()).split(","))).orElse(null);
        rest.removeIf(a -> a.startsWith("--only="));
        if (rest.size() != 2) {
            System.err.println("usage: LambdaBenchmark <fieldmark-lambda.jar> <work dir> [--quick] [--only=c1,python]");
            System.exit(2);
        }
        Path jar = Path.of(rest.get(0)).toAbsolutePath();
        Path work = Path.of(rest.get(1)).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is not there; build it with ./mvnw -pl bootstrap-lambda -am package");
        }
        Files.createDirectories(work);
        int starts = quick ? 2 : 4;
        // Default: 4 x 250 = 1,000 warm events per JVM option set; --quick: 2 x 50 = 100.
        int eventsPerStart = quick ? 51 : 251;

        try (S3ProxyServer s3 = new S3ProxyServer();
             FakeSageMakerRuntime sageMaker = new FakeSageMakerRuntime(Set.of(ENDPOINT), "[0.02, 0.94, 0.03, 0.01]");
             FakeSns sns = new FakeSns(Set.of(TOPIC))) {
            s3.createBucket(BUCKET);
            s3.put(BUCKET, KEY, upload(0), "image/jpeg");
            LambdaBenchmark benchmark = new LambdaBenchmark(jar, work, runtimeClasspath(), s3, sageMaker, sns);
            benchmark.run(starts, eventsPerStart, only);
        }
    }

    private void run(int starts, int eventsPerStart, Set<String> only) throws Exception {
        Path archive = work.resolve("fieldmark-lambda.jsa");
        Files.deleteIfExists(archive);
        if (only == null || only.contains(Jvm.APPCDS.figure)) {
            train(archive);
        }
        workshop = WorkshopFunction.command(work).orElse(List.of());
        Map<Jvm, List<Start>> results = new LinkedHashMap<>();
        for (Jvm jvm : Jvm.values()) {
            if ((jvm != Jvm.PYTHON || !workshop.isEmpty()) && (only == null || only.contains(jvm.figure))) {
                results.put(jvm, new ArrayList<>());
            }
        }
        measure(starts, eventsPerStart, archive, results);
    }

    /** The AppCDS archive of a 20-event run, for the {@code appcds} set. */
    private void train(Path archive) throws Exception {
        log("AppCDS training run (-XX:ArchiveClassesAtExit), 20 events");
        long trainingStart = System.nanoTime();
        Start training = start(Jvm.APPCDS, List.of("-XX:ArchiveClassesAtExit=" + archive), 20, "training");
        log("training run: init " + ms(training.initNanos()) + " ms; archive written in "
                + ms(System.nanoTime() - trainingStart) + " ms in all");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no CDS archive at " + archive + "; see its log in " + work);
        }
    }

    private void measure(int starts, int eventsPerStart, Path archive, Map<Jvm, List<Start>> results) throws Exception {
        for (int round = 1; round <= starts; round++) {
            for (Jvm jvm : results.keySet()) {
                List<String> extra = jvm == Jvm.APPCDS ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
                Start start = start(jvm, extra, eventsPerStart, jvm.figure + "-" + round);
                log(String.format(Locale.ROOT, "%s start %d: init %.1f ms, first event %.1f ms, warm p50 %.2f ms, RSS %d MB",
                        jvm.figure, round, ms(start.initNanos()), ms(start.firstEventNanos()),
                        ms(percentile(start.warmNanos(), 50)), start.maxRssKb() / 1024));
                results.get(jvm).add(start);
            }
        }

        long jarBytes = Files.size(jar);
        figure("lambda.artifact_size", String.format(Locale.ROOT, "%.2f", jarBytes / 1e6), "MB");
        figure("lambda.artifact_bytes", Long.toString(jarBytes), "B");
        if (Files.isRegularFile(archive)) {
            figure("lambda.appcds.archive_size", String.format(Locale.ROOT, "%.1f", Files.size(archive) / 1e6), "MB");
        }
        figure("lambda.starts_per_jvm", Integer.toString(starts), "starts");
        figure("lambda.warm_events", Integer.toString(starts * (eventsPerStart - 1)), "events");
        for (Map.Entry<Jvm, List<Start>> entry : results.entrySet()) {
            String name = "lambda." + entry.getKey().figure;
            List<Start> runs = entry.getValue();
            figure(name + ".init", median(runs.stream().mapToLong(Start::initNanos).toArray()));
            figure(name + ".first_event", median(runs.stream().mapToLong(Start::firstEventNanos).toArray()));
            figure(name + ".cold_total", median(runs.stream().mapToLong(Start::coldTotalNanos).toArray()));
            long[] warm = runs.stream().flatMapToLong(r -> Arrays.stream(r.warmNanos())).toArray();
            figure(name + ".warm_p50", percentile(warm, 50));
            figure(name + ".warm_p99", percentile(warm, 99));
            // The function's own CPU time (all its threads, user + system) per warm event: what of
            // the wall time is work in the function rather than waiting for the stand-ins.
            figure(name + ".warm_cpu_per_event", runs.stream().mapToLong(Start::warmCpuNanos).sum() / Math.max(1, warm.length));
            figure(name + ".max_rss", String.format(Locale.ROOT, "%.1f",
                    runs.stream().mapToLong(Start::maxRssKb).max().orElse(0) / 1024.0), "MB");
        }
    }

    /** Starts the function once, gives it {@code events} events one after the other, stops it. */
    private Start start(Jvm jvm, List<String> extraOptions, int events, String label) throws Exception {
        int publishedBefore = sns.published().size();
        try (FakeLambdaRuntimeApi runtime = new FakeLambdaRuntimeApi()) {
            List<String> command = jvm == Jvm.PYTHON ? new ArrayList<>(workshop) : javaCommand(jvm, extraOptions, label);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().putAll(FunctionEnvironment.of(runtime, work, s3, sageMaker, sns, jvm == Jvm.C1_S3));
            builder.redirectErrorStream(true);
            Path log = work.resolve("function-" + label + ".log");
            builder.redirectOutput(log.toFile());

            // The first event waits in the queue, so /next answers at once when init is over.
            var first = runtime.invoke(nextRequestId(), event());
            long started = System.nanoTime();
            Process function = builder.start();
            try {
                FakeLambdaRuntimeApi.Outcome cold = await(first, function, runtime, log);
                long firstNext = runtime.firstNext().getNow(cold.deliveredNanos());
                long[] warm = new long[events - 1];
                long cpuBefore = ProcessFigures.cpuNanos(function.pid());
                for (int i = 0; i < warm.length; i++) {
                    warm[i] = await(runtime.invoke(nextRequestId(), event()), function, runtime, log).durationNanos();
                }
                long warmCpu = ProcessFigures.cpuNanos(function.pid()) - cpuBefore;
                long rss = ProcessFigures.peakRssKb(function.pid());
                int published = sns.published().size() - publishedBefore;
                if (published != events) {
                    throw new IllegalStateException(label + ": SNS got " + published + " messages for " + events
                            + " events; see " + log);
                }
                return new Start(jvm, firstNext - started, cold.durationNanos(), cold.answeredNanos() - started, warm, rss,
                        warmCpu);
            } finally {
                stop(function);
            }
        }
    }

    /** The Java function's command: Lambda's java17 runtime options, {@code jvm}'s, the runtime client. */
    private List<String> javaCommand(Jvm jvm, List<String> extraOptions, String label) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // What Lambda's java17 runtime does regardless of JAVA_TOOL_OPTIONS: the serial
        // collector, the JDK's CDS archive, a JVM that sees the function's memory only.
        command.addAll(List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:MaxRAM=" + MEMORY_MB + "m"));
        command.addAll(jvm.options);
        command.addAll(extraOptions);
        // For investigations (e.g. -Xlog:class+load): options for every child, space-separated; {label}
        // becomes the start's label (c1-2, ...), e.g. -XX:StartFlightRecording=filename=/tmp/{label}.jfr.
        String investigate = System.getenv("FIELDMARK_LAMBDA_JVM_OPTIONS");
        if (investigate != null && !investigate.isBlank()) {
            command.addAll(Arrays.asList(investigate.strip().replace("{label}", label).split("\\s+")));
        }
        List<String> classpath = new ArrayList<>(runtimeClasspath);
        classpath.add(jar.toString());
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER));
        return command;
    }

    private FakeLambdaRuntimeApi.Outcome await(java.util.concurrent.CompletableFuture<FakeLambdaRuntimeApi.Outcome> outcome,
                                             Process function, FakeLambdaRuntimeApi runtime, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                FakeLambdaRuntimeApi.Outcome result = outcome.get(50, TimeUnit.MILLISECONDS);
                if (result.error()) {
                    throw new IllegalStateException("an invocation failed (" + result.errorType() + "): " + result.body()
                            + "; see " + log);
                }
                return result;
            } catch (java.util.concurrent.TimeoutException e) {
                if (runtime.initError().isDone()) {
                    throw new IllegalStateException("init failed: " + runtime.initError().get().body() + "; see " + log);
                }
                if (!function.isAlive()) {
                    throw new IllegalStateException("the function exited with " + function.exitValue() + "; see " + log);
                }
            }
        }
        throw new IllegalStateException("no outcome within 60 s; see " + log);
    }

    private String nextRequestId() {
        invocations++;
        return "bench-" + invocations;
    }

    /**
     * One ObjectCreated record; a new ETag and sequencer each time, and new bytes under the key:
     * the function takes the upload's version from S3's answer (the object's ETag) and skips an
     * upload it already identified, so each event must find another upload to do the work again.
     */
    private String event() {
        s3.put(BUCKET, KEY, upload(invocations), "image/jpeg");
        String eTag = String.format(Locale.ROOT, "%032x", invocations);
        String sequencer = String.format(Locale.ROOT, "%016X", invocations);
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventTime\":\"2026-11-28T01:00:00.000Z\",\"eventName\":\"ObjectCreated:Put\","
                + "\"userIdentity\":{\"principalId\":\"AWS:AIDAEXAMPLE\"},"
                + "\"requestParameters\":{\"sourceIPAddress\":\"127.0.0.1\"},"
                + "\"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\",\"x-amz-id-2\":\"FMyUVURIY8\"},"
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"birds\","
                + "\"bucket\":{\"name\":\"" + BUCKET + "\",\"ownerIdentity\":{\"principalId\":\"A3NL1KOZZKExample\"},"
                + "\"arn\":\"arn:aws:s3:::" + BUCKET + "\"},"
                + "\"object\":{\"key\":\"" + KEY + "\",\"size\":" + (PHOTO_BYTES + UPLOAD_MARK) + ",\"eTag\":\"" + eTag + "\","
                + "\"sequencer\":\"" + sequencer + "\"}}}]}";
    }

    /** The photo with upload {@code n}'s number in a comment segment after its start marker. */
    private static byte[] upload(int n) {
        byte[] photo = PHOTO;
        byte[] upload = new byte[photo.length + UPLOAD_MARK];
        upload[0] = photo[0];
        upload[1] = photo[1];
        java.nio.ByteBuffer.wrap(upload, 2, UPLOAD_MARK).put((byte) 0xFF).put((byte) 0xFE).putShort((short) 10)
                .putLong(n);
        System.arraycopy(photo, 2, upload, 2 + UPLOAD_MARK, photo.length - 2);
        return upload;
    }

    /** The runtime interface client and the libraries it brings, from this JVM's class path. */
    private static List<String> runtimeClasspath() {
        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-runtime-interface-client") || name.startsWith("aws-lambda-java-serialization")
                    || name.startsWith("aws-lambda-java-core")) {
                classpath.add(entry);
            }
        }
        if (classpath.size() != 3) {
            throw new IllegalStateException("expected the runtime interface client, aws-lambda-java-serialization and "
                    + "aws-lambda-java-core on the class path, found " + classpath);
        }
        return classpath;
    }

    private static void stop(Process function) throws InterruptedException {
        function.destroy();
        if (!function.waitFor(20, TimeUnit.SECONDS)) {
            function.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    static long percentile(long[] values, int percent) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static long median(long[] values) {
        return percentile(values, 50);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void figure(String name, long nanos) {
        figure(name, String.format(Locale.ROOT, nanos >= 100_000_000L ? "%.0f" : "%.2f", ms(nanos)), "ms");
    }

    private static void figure(String name, String value, String unit) {
        System.out.println(name + " " + value + " " + unit);
    }

    private static void log(String message) {
        System.err.println("lambda: " + message);
    }
}
