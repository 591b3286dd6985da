package org.fieldmark.adapter.http.in.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.fieldmark.application.port.out.IdentificationResult;

/**
 * What the API counts, named for Prometheus: requests by route, method and status with their
 * latency, identifications by species, model latency, notification failures and refusals of a
 * full inference queue.
 */
final class ApiMetrics {

    private final MeterRegistry registry;
    private final Timer inference;
    private final Counter notificationFailures;
    private final Counter overloaded;

    ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.inference = Timer.builder("fieldmark.inference")
                .description("Time the model took per identification")
                .register(registry);
        this.notificationFailures = Counter.builder("fieldmark.notification.failures")
                .description("Identifications whose notification could not be delivered")
                .register(registry);
        this.overloaded = Counter.builder("fieldmark.inference.rejected")
                .description("Requests refused with 503 because every worker was busy and the queue was full")
                .register(registry);
    }

    void gauges(Supplier<Number> inferenceBusy, Supplier<Number> inFlight) {
        Gauge.builder("fieldmark.inference.busy", inferenceBusy)
                .description("Identifications running or waiting for a worker")
                .register(registry);
        Gauge.builder("fieldmark.http.in.flight", inFlight)
                .description("Requests and identifications under way")
                .register(registry);
    }

    void request(String method, String route, int status, long nanos) {
        Timer.builder("fieldmark.http.requests")
                .description("HTTP requests by method, route and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    void identified(IdentificationResult result) {
        Counter.builder("fieldmark.identifications")
                .description("Identifications by top species")
                .tag("species", result.identification().top().name())
                .tag("confident", Boolean.toString(result.identification().confident()))
                .register(registry)
                .increment();
        inference.record(Duration.ofNanos(Math.round(result.timings().inferenceMillis() * 1_000_000)));
    }

    void notificationFailed() {
        notificationFailures.increment();
    }

    void overloaded() {
        overloaded.increment();
    }
}
