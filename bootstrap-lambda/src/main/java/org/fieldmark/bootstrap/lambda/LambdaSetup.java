package org.fieldmark.bootstrap.lambda;

import java.util.Map;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;

/**
 * What every handler builds in Lambda's init phase: the configuration read from the environment
 * (a problem fails init, listing every problem), the SDK clients, and the use case behind claims.
 *
 * @param config  the configuration
 * @param useCase identification, once per upload
 * @param log     where the handler logs
 */
record LambdaSetup(LambdaConfiguration config, IdentifyOnceUseCase useCase, JsonLog log) {

    static LambdaSetup fromEnvironment(String handler) {
        return of(System.getenv(), new JsonLog(System.out), handler);
    }

    static LambdaSetup of(Map<String, String> env, JsonLog log, String handler) {
        LambdaConfiguration config = LambdaEnvironment.read(env);
        IdentifyOnceUseCase useCase = LambdaWiring.once(config, new AwsClients(config.aws()), log);
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
