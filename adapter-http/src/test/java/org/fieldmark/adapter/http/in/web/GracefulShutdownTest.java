package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The inference pool's bounds and the shutdown drain, with a model the test holds and releases. */
@ExtendWith(VertxExtension.class)
class GracefulShutdownTest {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> modelThreads = new CopyOnWriteArrayList<>();
    private ApiFixture api;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        api.close();
    }

    private void start(Vertx vertx, int threads, int queue) throws Exception {
        api = ApiFixture.start(vertx, ApiFixture.settings().withInferencePool(threads, queue), true);
        api.answer(image -> {
            modelThreads.add(Thread.currentThread().getName() + (Context.isOnEventLoopThread() ? " (event loop)" : ""));
            entered.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released the model");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return ApiFixture.CARDINAL.clone();
        });
    }

    private Future<HttpResponse<Buffer>> classify(String key) {
        return api.post("/v1/classify?notify=true&key=" + key).putHeader("Content-Type", "image/jpeg")
                .sendBuffer(Buffer.buffer(ImageSamples.jpeg(64)));
    }

    @Test
    void finishesTheRequestInFlightAndRefusesNewOnes(Vertx vertx) throws Exception {
        start(vertx, 2, 2);
        Future<HttpResponse<Buffer>> inFlight = classify("birds/first.jpg");
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        api.api.beginShutdown();
        HttpResponse<Buffer> refused = ApiFixture.await(classify("birds/second.jpg"));
        HttpResponse<Buffer> health = ApiFixture.await(api.get("/health").send());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        JsonObject problem = ApiFixture.problem(refused);
        assertThat(problem.getString("code")).isEqualTo("SHUTTING_DOWN");
        assertThat(problem.getBoolean("retryable")).isTrue();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(api.api.drained()).isNotDone();

        release.countDown();
        HttpResponse<Buffer> finished = ApiFixture.await(inFlight);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.bodyAsJsonObject().getString("message"))
                .isEqualTo("Bird [birds/first.jpg] is a: Northern Cardinal(0.94)");
        api.api.drained().get(30, TimeUnit.SECONDS);
        assertThat(api.notifier.messages()).containsExactly("Bird [birds/first.jpg] is a: Northern Cardinal(0.94)");
        assertThat(api.model.seen()).hasSize(1);
    }

    @Test
    void drainsAtOnceWhenNothingIsInFlight(Vertx vertx) throws Exception {
        start(vertx, 1, 0);
        assertThat(api.api.drained()).isNotDone();

        api.api.beginShutdown();

        assertThat(api.api.drained()).isDone();
    }

    @Test
    void refusesWithRetryAfterWhenEveryWorkerIsBusyAndTheQueueIsFull(Vertx vertx) throws Exception {
        start(vertx, 1, 1);
        Future<HttpResponse<Buffer>> running = classify("birds/running.jpg");
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        Future<HttpResponse<Buffer>> queued = classify("birds/queued.jpg");
        // The queued request holds the last slot once the server has read it; poll the gauge until then.
        for (int i = 0; i < 300 && !metric("fieldmark_inference_busy").equals("2.0"); i++) {
            Thread.sleep(10);
        }

        HttpResponse<Buffer> refused = ApiFixture.send(api.post("/v1/classify?key=birds/refused.jpg")
                .putHeader("Content-Type", "image/jpeg"), Buffer.buffer(ImageSamples.jpeg(64)));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        JsonObject problem = ApiFixture.problem(refused);
        assertThat(problem.getString("code")).isEqualTo("OVERLOADED");
        assertThat(problem.getString("detail"))
                .isEqualTo("all 1 inference workers are busy and 1 requests are waiting; retry later");
        release.countDown();
        assertThat(ApiFixture.await(running).statusCode()).isEqualTo(200);
        assertThat(ApiFixture.await(queued).statusCode()).isEqualTo(200);
        assertThat(api.model.seen()).hasSize(2);
        assertThat(metric("fieldmark_inference_rejected_total")).isEqualTo("1.0");
    }

    @Test
    void runsTheModelOnTheNamedWorkerPoolNeverOnTheEventLoop(Vertx vertx) throws Exception {
        start(vertx, 2, 2);
        release.countDown();
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(64), "image/jpeg");
        api.storage.put("feeder", "birds/jay.jpg", ImageSamples.jpeg(64), "image/jpeg");

        ApiFixture.await(classify("birds/a.jpg"));
        ApiFixture.await(api.post("/v1/identify").putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"bucket\": \"feeder\", \"key\": \"birds/card.jpg\"}")));
        ApiFixture.await(api.post("/v1/events/s3").putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"Records\": [{\"s3\": {\"bucket\": {\"name\": \"feeder\"}, "
                        + "\"object\": {\"key\": \"birds/jay.jpg\"}}}]}")));

        assertThat(modelThreads).hasSize(3).allSatisfy(thread -> assertThat(thread)
                .startsWith(InferencePool.NAME).doesNotContain("event loop"));
    }

    private String metric(String name) throws Exception {
        String value = Prometheus.samples(ApiFixture.await(api.get("/metrics").send()).bodyAsString()).get(name);
        return value == null ? "" : value;
    }
}
