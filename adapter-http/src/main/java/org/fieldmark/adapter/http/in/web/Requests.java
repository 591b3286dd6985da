package org.fieldmark.adapter.http.in.web;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.RuleOverrides;

/** Reads query parameters and JSON bodies; anything malformed is an invalid request (400). */
final class Requests {

    private Requests() {
    }

    /** {@code top_k} and {@code threshold}; their ranges are checked by the use case. */
    static RuleOverrides overrides(MultiMap query) {
        Integer topK = null;
        String k = query.get("top_k");
        if (k != null) {
            try {
                topK = Integer.valueOf(k.strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("query parameter top_k must be a whole number of at least 1, got '"
                        + k + "'", e);
            }
        }
        Double threshold = null;
        String t = query.get("threshold");
        if (t != null) {
            try {
                threshold = Double.valueOf(t.strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("query parameter threshold must be a number in [0, 1], got '"
                        + t + "'", e);
            }
            if (!Double.isFinite(threshold)) {
                throw new InvalidRequestException("query parameter threshold must be a number in [0, 1], got '"
                        + t + "'");
            }
        }
        return topK == null && threshold == null ? RuleOverrides.NONE : new RuleOverrides(threshold, topK);
    }

    /** A {@code true}/{@code false} query parameter. */
    static boolean flag(MultiMap query, String name, boolean absent) {
        String value = query.get(name);
        if (value == null) {
            return absent;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidRequestException("query parameter " + name + " must be true or false, got '"
                    + value + "'");
        };
    }

    /** {@code limit} for lists: a whole number; its range is checked by the query. */
    static int limit(MultiMap query, int absent) {
        String value = query.get("limit");
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("query parameter limit must be a whole number of at least 1, got '"
                    + value + "'", e);
        }
    }

    /** The media type of a Content-Type header, lower case and without parameters; empty when absent. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip().toLowerCase(Locale.ROOT);
    }

    /** The body as a JSON object. */
    static JsonObject jsonObject(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new InvalidRequestException("request body is empty; send a JSON object");
        }
        Object value;
        try {
            value = Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new InvalidRequestException("request body is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new InvalidRequestException("request body must be a JSON object, got "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** An optional string member of a JSON object. */
    static Optional<String> string(JsonObject object, String name, String where) {
        Object value = object.getValue(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        throw new InvalidRequestException(where + " member \"" + name + "\" must be a string");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }
}
