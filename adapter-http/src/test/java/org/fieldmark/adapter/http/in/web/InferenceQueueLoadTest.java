package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 200 photos from 24 clients at once against a slow model behind 2 workers and a queue of 4:
 * every request is either identified (200) or refused at once (503 with Retry-After), and every
 * identification and notification happens exactly once.
 */
@ExtendWith(VertxExtension.class)
class InferenceQueueLoadTest {

    private static final int REQUESTS = 200;
    private static final int CLIENT_CONCURRENCY = 24;

    private ApiFixture api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiFixture.start(vertx, ApiFixture.settings().withInferencePool(2, 4), true);
        api.answer(image -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return ApiFixture.CARDINAL.clone();
        });
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    record Sent(String key, boolean notifies, Future<HttpResponse<Buffer>> response) {
    }

    @Test
    void everyRequestIsIdentifiedOnceOrRefusedWithRetryAfter() throws Exception {
        Semaphore clients = new Semaphore(CLIENT_CONCURRENCY);
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(clients.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
            String key = "birds/load-" + i + ".jpg";
            boolean notify = i % 2 == 0;
            Future<HttpResponse<Buffer>> response = api.post("/v1/classify?key=" + key + "&notify=" + notify)
                    .putHeader("Content-Type", "image/jpeg").sendBuffer(Buffer.buffer(ImageSamples.jpeg(256)));
            response.onComplete(done -> clients.release());
            sent.add(new Sent(key, notify, response));
        }

        Set<String> identified = new HashSet<>();
        Set<String> notified = new HashSet<>();
        int refused = 0;
        for (Sent s : sent) {
            HttpResponse<Buffer> response = ApiFixture.await(s.response());
            assertThat(response.statusCode()).as(s.key()).isIn(200, 503);
            if (response.statusCode() == 200) {
                assertThat(response.bodyAsJsonObject().getString("key")).isEqualTo(s.key());
                identified.add(s.key());
                if (s.notifies()) {
                    notified.add(s.key());
                }
            } else {
                refused++;
                assertThat(response.getHeader("Retry-After")).as(s.key()).isEqualTo("1");
                assertThat(ApiFixture.problem(response).getString("code")).isEqualTo("OVERLOADED");
            }
        }

        System.out.printf("classify load: %d requests, %d clients, 2 workers, queue 4: %d identified, %d refused%n",
                REQUESTS, CLIENT_CONCURRENCY, identified.size(), refused);
        assertThat(identified.size() + refused).isEqualTo(REQUESTS);
        assertThat(identified).isNotEmpty();
        assertThat(refused).as("24 clients against 2 workers and a queue of 4 must overflow").isPositive();
        List<String> deliveredKeys = api.notifier.delivered().stream().map(r -> r.source().key()).toList();
        assertThat(deliveredKeys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(notified);
        List<String> recentKeys = api.recent.recent(1000).stream().map(IdentificationResult::source)
                .map(source -> source.key()).toList();
        assertThat(recentKeys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(identified);
        assertThat(api.model.seen()).hasSize(identified.size());
        String metrics = ApiFixture.await(api.get("/metrics").send()).bodyAsString();
        assertThat(Prometheus.samples(metrics).get("fieldmark_inference_rejected_total"))
                .isEqualTo((double) refused + "");
    }
}
