package org.fieldmark.bootstrap.lambda;

import java.time.Clock;
import java.util.Map;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.application.port.in.DailyDigestUseCase;
import org.fieldmark.application.port.in.NewObjectsUseCase;

/**
 * What every handler builds in Lambda's init phase: the configuration read from the environment
 * (a problem fails init, listing every problem), the SDK clients, and the use case behind claims.
 *
 * @param config  the configuration
 * @param useCase the new objects of a notification identified, once per upload
 * @param log     where the handler logs
 */
record LambdaSetup(LambdaConfiguration config, NewObjectsUseCase useCase, JsonLog log) {

    /**
     * What the digest function builds at init: the use case over the S3 bird log and the clock whose zone
     * ({@code POLICY_TIME_ZONE}) says which day "today" is.
     *
     * @param useCase the daily digest
     * @param clock   the system clock in the configured zone
     * @param log     where the handler logs
     */
    record Digest(DailyDigestUseCase useCase, Clock clock, JsonLog log) {
    }

    static Digest digestFromEnvironment() {
        return digest(System.getenv(), new JsonLog(System.out));
    }

    static Digest digest(Map<String, String> env, JsonLog log) {
        DigestConfiguration config = LambdaEnvironment.readDigest(env);
        Clock clock = Clock.system(config.zone());
        DailyDigestUseCase useCase = LambdaWiring.digest(config, new AwsClients(config.aws()), log, clock);
        log.info("function.initialised", JsonLog.fields("handler", "digest",
                "notify", config.notification().name().toLowerCase(), "timeZone", config.zone().getId(),
                "sightings", "s3://" + config.sightings().bucket() + "/" + config.sightings().prefix()));
        return new Digest(useCase, clock, log);
    }

    static LambdaSetup fromEnvironment(String handler) {
        return of(System.getenv(), new JsonLog(System.out), handler);
    }

    static LambdaSetup of(Map<String, String> env, JsonLog log, String handler) {
        LambdaConfiguration config = LambdaEnvironment.read(env);
        NewObjectsUseCase useCase = LambdaWiring.newObjects(config, new AwsClients(config.aws()), log);
        // Every handler's init primes the same path before a SnapStart snapshot (a no-op without one).
        SnapStartPriming.register(config, log);
        log.info("function.initialised", JsonLog.fields("handler", handler,
                "inference", config.inference().name().toLowerCase(),
                "notify", config.notification().name().toLowerCase(), "catalog", config.catalog().name(),
                "keyPrefix", config.keyPrefix(), "keySuffix", config.keySuffix(),
                "idempotency", config.delivery().idempotencyBucket() == null ? "memory"
                        : "s3://" + config.delivery().idempotencyBucket() + "/" + config.delivery().idempotencyPrefix(),
                "claimTimeoutSeconds", config.delivery().claimTimeout().toSeconds(),
                "nonRetryableToDlq", config.delivery().nonRetryableToDlq()));
        return new LambdaSetup(config, useCase, log);
    }
}
