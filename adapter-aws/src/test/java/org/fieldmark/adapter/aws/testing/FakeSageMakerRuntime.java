package org.fieldmark.adapter.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * SageMaker Runtime's InvokeEndpoint on loopback ({@code POST /endpoints/{name}/invocations},
 * REST-JSON errors with {@code x-amzn-ErrorType}). Answers what the test scripts, per image,
 * and records every invocation. Unknown endpoints get the real service's ValidationError.
 */
public final class FakeSageMakerRuntime extends LoopbackServer {

    /** One InvokeEndpoint call as it arrived. */
    public record Invocation(String endpointName, String contentType, String accept, byte[] body) {
    }

    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private volatile Set<String> endpoints;
    private volatile Function<Invocation, String> answers;

    /** Serves only {@code endpoints}, answering {@code answer} to every image. */
    public FakeSageMakerRuntime(Set<String> endpoints, String answer) {
        this.endpoints = Set.copyOf(endpoints);
        answerWith(invocation -> answer);
    }

    /** The JSON body to answer per invocation (e.g. by the image's bytes). */
    public void answerWith(Function<Invocation, String> answers) {
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    public void serveEndpoints(Set<String> names) {
        this.endpoints = Set.copyOf(names);
    }

    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    @Override
    protected void answer(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!exchange.getRequestMethod().equals("POST") || !path.startsWith("/endpoints/")
                || !path.endsWith("/invocations")) {
            error(exchange, 404, "UnknownOperationException", "no such operation: " + path, null);
            return;
        }
        String name = URLDecoder.decode(path.substring("/endpoints/".length(), path.length() - "/invocations".length()),
                StandardCharsets.UTF_8);
        Invocation invocation = new Invocation(name, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Accept"), body);
        invocations.add(invocation);
        if (!endpoints.contains(name)) {
            error(exchange, 400, "ValidationError", "Endpoint " + name + " of account 123456789012 not found.", null);
            return;
        }
        exchange.getResponseHeaders().set("x-Amzn-Invoked-Production-Variant", "AllTraffic");
        send(exchange, 200, "application/json", answers.apply(invocation));
    }

    @Override
    protected void answerFault(HttpExchange exchange, Fault fault) throws IOException {
        error(exchange, fault.status(), fault.code(), fault.message(), fault);
    }

    private static void error(HttpExchange exchange, int status, String code, String message, Fault fault)
            throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-request");
        StringBuilder body = new StringBuilder("{\"__type\":").append(json(code))
                .append(",\"message\":").append(json(message));
        if (fault != null && code.equals("ModelError")) {
            // What the container answered: the fault's message, as a 400 from the model.
            body.append(",\"OriginalStatusCode\":400,\"OriginalMessage\":").append(json(message))
                    .append(",\"LogStreamArn\":\"arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/x\"");
        }
        send(exchange, status, "application/x-amz-json-1.1", body.append('}').toString());
    }
}
