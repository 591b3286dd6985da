package org.fieldmark.configuration;

import static org.fieldmark.configuration.Setting.server;

import java.util.List;

/**
 * The options of {@code fieldmark serve}, the model server (Open Inference Protocol v2 and the
 * SageMaker container contract); it also reads the server's socket, key, body limit and workers,
 * and the model and catalog options.
 */
public final class ServeOptions {

    public static final Setting MODEL_NAME = server("serve.model-name",
            "serve: the model's name in Open Inference Protocol paths (/v2/models/<name>)").byDefault("fieldmark");
    public static final Setting MAX_BATCH = server("serve.max-batch",
            "serve: the most images one inference request may carry").whole(1, 1024).byDefault("8");

    /** In the order of {@code --help} and the README's tables. */
    static final List<Setting> ALL = List.of(MODEL_NAME, MAX_BATCH);

    private ServeOptions() {
    }
}
