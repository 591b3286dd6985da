package org.fieldmark.adapter.http.in.serving;

import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.error.ConfigurationInvalidException;

/**
 * How the model server answers.
 *
 * @param modelName    the name clients address the model by ({@code /v2/models/{name}})
 * @param maxBodyBytes the largest request body read; larger ones are refused with 413
 * @param workers      threads that run the model
 * @param queue        requests waiting for a worker before 503
 * @param apiKey       when not {@code null}, every call but the health probes needs
 *                     {@code Authorization: Bearer <key>}
 */
public record ModelServingSettings(String modelName, long maxBodyBytes, int workers, int queue, String apiKey) {

    public ModelServingSettings {
        List<String> problems = new ArrayList<>();
        if (modelName == null || !modelName.matches("[A-Za-z0-9._-]+")) {
            problems.add("the served model name '" + modelName + "' is missing or invalid; use letters, digits, "
                    + "'.', '_' and '-'");
        }
        if (maxBodyBytes < 1) {
            problems.add("the largest request body must be at least 1 byte, got " + maxBodyBytes);
        }
        if (workers < 1) {
            problems.add("the model server needs at least 1 worker, got " + workers);
        }
        if (queue < 0) {
            problems.add("the model server's queue must not be negative, got " + queue);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
    }
}
