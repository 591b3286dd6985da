package org.fieldmark.bootstrap.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.configuration.LocatorSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * SnapStart priming: just before Lambda snapshots the initialised function, runs the whole
 * S3-event path a few times (the handler, the use case, the domain's ranking and message, the
 * S3, SageMaker and SNS adapters and the SDK's marshalling, signing and unmarshalling, the JSON
 * log) so that what the first real event would load, initialise and compile is already in the
 * snapshot.
 *
 * <p>Why it is safe to snapshot:
 * <ul>
 *   <li><b>No network, no notification.</b> Priming uses its own SDK clients whose HTTP client
 *       ({@link PrimingHttpClient}) answers in memory; the function's own clients, its notifier
 *       and the handler's memory of done records are not touched. Nobody gets a message.</li>
 *   <li><b>No credentials.</b> The priming clients sign with fixed placeholder keys
 *       ({@code priming}), so the function's credentials provider is never asked for credentials
 *       before the snapshot (with SnapStart, Lambda hands out the role's credentials after
 *       restore, through the container credentials endpoint).</li>
 *   <li><b>No unique ids, no random seeds.</b> Everything priming feeds in is fixed (bucket, key,
 *       ETag, model answer); Fieldmark's code draws no random numbers, and ids that must be
 *       unique (request ids, the SDK's invocation ids) are made per request, after restore.</li>
 * </ul>
 * Nothing therefore needs re-seeding after restore: {@link #afterRestore} only logs it. What
 * priming built (its clients, service and handler) is garbage once {@link #beforeCheckpoint}
 * returns, so it does not weigh on the restored function.
 *
 * <p>Outside a SnapStart (CRaC) checkpoint the hooks never run: an ordinary cold start pays nothing.
 */
final class SnapStartPriming implements Resource {

    /** Runs of the event path before the snapshot: enough to load and initialise everything it uses. */
    static final int RUNS = 12;

    static final String BUCKET = "fieldmark-priming";
    static final String KEY = "birds/priming.jpg";
    static final String ENDPOINT = "fieldmark-priming";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:fieldmark-priming";

    /** The registered instance: org.crac holds resources weakly. */
    private static SnapStartPriming registered;

    private final LambdaConfiguration config;
    private final JsonLog log;

    SnapStartPriming(LambdaConfiguration config, JsonLog log) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Registers priming for the function's checkpoint; called once in the handler's init. */
    static void register(LambdaConfiguration config, JsonLog log) {
        registered = new SnapStartPriming(config, log);
        Core.getGlobalContext().register(registered);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        PrimingHttpClient http = prime();
        log.info("function.primed", JsonLog.fields("runs", RUNS, "requestsAnsweredInMemory", http.answered().size(),
                "ms", (System.nanoTime() - started) / 1_000_000));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        log.info("function.restored", Map.of());
    }

    /** The priming runs; returns the in-memory HTTP client that answered them (for tests). */
    PrimingHttpClient prime() {
        PrimingHttpClient http = new PrimingHttpClient(config.catalog().size());
        AwsClientSettings settings = new AwsClientSettings(
                config.aws().region() == null ? "us-east-1" : config.aws().region(), null,
                URI.create("http://" + PrimingHttpClient.S3_HOST), URI.create("http://" + PrimingHttpClient.SAGEMAKER_HOST),
                URI.create("http://" + PrimingHttpClient.SNS_HOST), 1, null, null);
        AwsClients clients = new AwsClients(settings,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")), http);
        JsonLog silent = new JsonLog(new PrintStream(OutputStream.nullOutputStream()));
        LambdaConfiguration primed = primingConfiguration(config);
        // The real handler's wiring, with the priming clients and configuration.
        S3EventHandler handler = new S3EventHandler(LambdaWiring.newObjects(primed, clients, silent), primed::accepts, silent);
        try {
            for (int run = 0; run < RUNS; run++) {
                handler.handleRequest(new ByteArrayInputStream(event(run)), new ByteArrayOutputStream(), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("priming wrote its answer to memory and failed", e);
        }
        return http;
    }

    /**
     * The function's configuration with every destination swapped for the priming ones: SageMaker
     * and SNS whatever INFERENCE and NOTIFY say (their classes are few, and it keeps priming one
     * path; with INFERENCE=embedded the model itself is not run here: ONNX Runtime sessions are
     * native memory, best created and warmed by its own adapter at init), the whole photo, claims,
     * outbox and bird log in memory, no policy (every photo is told), no link and no key filter.
     */
    static LambdaConfiguration primingConfiguration(LambdaConfiguration config) {
        LambdaConfiguration.Delivery delivery = config.delivery();
        return new LambdaConfiguration(LambdaConfiguration.Inference.SAGEMAKER, LambdaConfiguration.Notify.SNS,
                ENDPOINT, config.contentType(), config.inferenceTimeout(), TOPIC_ARN, config.subject(),
                config.catalog(), config.rules(), config.maxImageBytes(), config.notifyWhenNoBird(), null, "", "",
                config.aws(), config.embeddedThreads(), null,
                new LambdaConfiguration.Delivery(null, delivery.idempotencyPrefix(), delivery.claimTimeout(), false),
                null, null, new LocatorSettings(LocatorSettings.Mode.WHOLE, config.locator().scales(),
                        config.locator().maxWindows(), config.locator().earlyExit(), config.locator().detector()));
    }

    /** An ObjectCreated record like S3's, as JSON; each run its own ETag, so the handler does the work again. */
    private byte[] event(int run) {
        String eTag = "priming-" + run;
        String region = config.aws().region() == null ? "us-east-1" : config.aws().region();
        return ("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"" + region + "\","
                + "\"eventTime\":\"1970-01-01T00:00:00.000Z\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"priming\","
                + "\"bucket\":{\"name\":\"" + BUCKET + "\",\"arn\":\"arn:aws:s3:::" + BUCKET + "\"},"
                + "\"object\":{\"key\":\"" + KEY + "\",\"size\":" + PrimingHttpClient.PHOTO.length + ",\"eTag\":\"" + eTag
                + "\",\"sequencer\":\"" + eTag + "\"}}}]}").getBytes(StandardCharsets.UTF_8);
    }
}
