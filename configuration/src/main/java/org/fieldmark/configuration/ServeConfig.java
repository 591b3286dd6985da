package org.fieldmark.configuration;

/**
 * What {@code fieldmark serve} adds to the server's configuration.
 *
 * @param modelName the model's name in Open Inference Protocol paths
 * @param maxBatch  the most images one request may carry
 */
public record ServeConfig(String modelName, int maxBatch) {

    /** Reads the serve options; check {@code values.problems()} before using the result. */
    public static ServeConfig bind(Values values) {
        String name = values.text(ServeOptions.MODEL_NAME);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            values.problems().add("serve.model-name '" + name + "' must be letters, digits, '.', '_' or '-', e.g. "
                    + "fieldmark");
        }
        return new ServeConfig(name, values.integer(ServeOptions.MAX_BATCH));
    }
}
