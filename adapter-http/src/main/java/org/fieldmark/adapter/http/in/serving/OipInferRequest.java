package org.fieldmark.adapter.http.in.serving;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.wire.json.JsonTree;

/**
 * An Open Inference Protocol v2 inference request, read: one input tensor named
 * {@value #INPUT} of datatype {@code BYTES} and shape {@code [N]} or {@code [N, 1]}, whose N elements
 * are base64-encoded image files (the JSON form of v2 carries BYTES as strings, so binary files
 * travel as base64, marked by the {@code content_type: "base64"} parameter where a client sets it);
 * optionally the {@value #OUTPUT} output with the classification extension's
 * {@code parameters.classification} count. Anything else is an {@link InvalidRequestException} that
 * says what was wrong.
 *
 * @param id             the request's id, echoed in the answer; {@code null} when none was given
 * @param images         the decoded images, in the tensor's order
 * @param classification how many top classes to answer per image instead of the probabilities; 0 for none
 */
record OipInferRequest(String id, List<ImageBytes> images, int classification) {

    static final String INPUT = "image";
    static final String OUTPUT = "probabilities";

    static OipInferRequest parse(String body) {
        Object root;
        try {
            root = JsonTree.read(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("the request body is not JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> request)) {
            throw new InvalidRequestException("the request body must be a JSON object with an 'inputs' array");
        }
        Object id = request.get("id");
        if (id != null && !(id instanceof String)) {
            throw new InvalidRequestException("'id' must be a string");
        }
        if (!(request.get("inputs") instanceof List<?> inputs) || inputs.size() != 1
                || !(inputs.get(0) instanceof Map<?, ?> input)) {
            throw new InvalidRequestException("'inputs' must be an array of exactly one input object, the '" + INPUT
                    + "' tensor");
        }
        return new OipInferRequest((String) id, images(input), classification(request.get("outputs")));
    }

    private static List<ImageBytes> images(Map<?, ?> input) {
        if (!INPUT.equals(input.get("name"))) {
            throw new InvalidRequestException("unexpected input '" + input.get("name") + "'; the model takes one "
                    + "input named '" + INPUT + "'");
        }
        if (!"BYTES".equals(input.get("datatype"))) {
            throw new InvalidRequestException("input '" + INPUT + "' has datatype '" + input.get("datatype")
                    + "'; it must be BYTES (base64-encoded image files)");
        }
        Map<?, ?> parameters = input.get("parameters") instanceof Map<?, ?> map ? map : Map.of();
        Object encoding = parameters.get("content_type");
        if (encoding != null && !"base64".equals(encoding)) {
            throw new InvalidRequestException("input '" + INPUT + "' has content_type '" + encoding
                    + "'; only base64-encoded image files are taken");
        }
        String mediaType = parameters.get("media_type") instanceof String type ? type : "";
        List<String> elements = new ArrayList<>();
        flatten(input.get("data"), elements);
        long expected = elements(input.get("shape"));
        if (expected != elements.size()) {
            throw new InvalidRequestException("input '" + INPUT + "' has shape " + input.get("shape") + " but "
                    + elements.size() + (elements.size() == 1 ? " element" : " elements"));
        }
        List<ImageBytes> images = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            try {
                images.add(new ImageBytes(Base64.getDecoder().decode(elements.get(i)), mediaType));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("element " + i + " of input '" + INPUT + "' is not base64: "
                        + e.getMessage());
            }
        }
        return images;
    }

    /** N for a shape [N] or [N, 1]. */
    private static long elements(Object shape) {
        if (shape instanceof List<?> dims && (dims.size() == 1 || dims.size() == 2 && whole(dims.get(1)) == 1)
                && whole(dims.get(0)) >= 0) {
            return whole(dims.get(0));
        }
        throw new InvalidRequestException("input '" + INPUT + "' has shape " + shape + "; it must be [N] or [N, 1] "
                + "for N images");
    }

    private static void flatten(Object data, List<String> into) {
        if (!(data instanceof List<?> items)) {
            throw new InvalidRequestException("input '" + INPUT + "' needs a 'data' array of base64 strings");
        }
        for (Object item : items) {
            if (item instanceof List<?>) {
                flatten(item, into);
            } else if (item instanceof String text) {
                into.add(text);
            } else {
                throw new InvalidRequestException("element " + into.size() + " of input '" + INPUT
                        + "' is not a string; BYTES elements are base64 strings");
            }
        }
    }

    private static int classification(Object outputs) {
        if (outputs == null) {
            return 0;
        }
        if (!(outputs instanceof List<?> list) || list.size() > 1) {
            throw new InvalidRequestException("'outputs' must be an array of at most one output, '" + OUTPUT + "'");
        }
        if (list.isEmpty()) {
            return 0;
        }
        if (!(list.get(0) instanceof Map<?, ?> output) || !OUTPUT.equals(output.get("name"))) {
            throw new InvalidRequestException("unexpected output requested; the model has one output named '"
                    + OUTPUT + "'");
        }
        Object count = output.get("parameters") instanceof Map<?, ?> parameters ? parameters.get("classification")
                : null;
        if (count == null) {
            return 0;
        }
        long classes = whole(count);
        if (classes < 1 || classes > Integer.MAX_VALUE) {
            throw new InvalidRequestException("output parameter 'classification' must be a whole number of at least 1, "
                    + "got " + count);
        }
        return (int) classes;
    }

    /** A JSON whole number's value, or -1 for anything else. */
    private static long whole(Object value) {
        return value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : -1;
    }
}
