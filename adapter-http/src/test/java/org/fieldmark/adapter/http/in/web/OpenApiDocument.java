package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations and response statuses of the served OpenAPI document, read from its
 * {@code paths} section by indentation (the document is written in that fixed layout, which
 * {@link OpenApiDocumentTest} also checks).
 */
final class OpenApiDocument {

    private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");
    private static final Pattern STATUS = Pattern.compile("^        '(\\d{3})':.*$");
    private static OpenApiDocument loaded;

    /** "POST /v1/classify" -> statuses. */
    private final Map<String, Set<Integer>> operations = new TreeMap<>();

    private OpenApiDocument(String text) {
        boolean inPaths = false;
        String path = null;
        String operation = null;
        boolean inResponses = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                inPaths = line.equals("paths:");
                continue;
            }
            if (!inPaths) {
                continue;
            }
            Matcher m;
            if ((m = PATH.matcher(line)).matches()) {
                path = m.group(1);
                operation = null;
            } else if ((m = METHOD.matcher(line)).matches()) {
                operation = m.group(1).toUpperCase() + " " + path;
                operations.put(operation, new TreeSet<>());
                inResponses = false;
            } else if (line.equals("      responses:")) {
                inResponses = true;
            } else if (line.startsWith("      ") && !line.startsWith("       ")) {
                inResponses = false;
            } else if (inResponses && (m = STATUS.matcher(line)).matches()) {
                operations.get(operation).add(Integer.parseInt(m.group(1)));
            }
        }
    }

    static synchronized OpenApiDocument load() {
        if (loaded == null) {
            try (InputStream in = WebApi.class.getResourceAsStream("openapi.yaml")) {
                loaded = new OpenApiDocument(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    static OpenApiDocument parse(String text) {
        return new OpenApiDocument(text);
    }

    /** Every documented operation, as "METHOD /path", with its statuses. */
    Map<String, Set<Integer>> operations() {
        return operations;
    }

    /**
     * The answer's status is documented for the operation; requests to routes or methods the
     * API does not have are answered 404 and 405 (or 401 first, when a key is required).
     */
    void assertDocuments(String method, String uri, int status) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        String operation = method + " " + path;
        for (String documented : operations.keySet()) {
            // A templated path ({id}) matches any one segment.
            String pattern = Pattern.quote(documented).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
            if (documented.contains("{") && operation.matches(pattern)) {
                operation = documented;
            }
        }
        if (!operations.containsKey(operation)) {
            assertThat(status).as("status of undocumented operation %s", operation).isIn(401, 404, 405, 503);
            return;
        }
        assertThat(operations.get(operation)).as("statuses documented for %s", operation).contains(status);
    }
}
