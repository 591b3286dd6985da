package org.fieldmark.adapter.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An S3 endpoint that fails on command (s3proxy cannot be told to), in S3's XML error shape,
 * e.g. 503 SlowDown. Alone it fails every request; in front of a real store ({@link #FaultyS3(URI)},
 * e.g. s3proxy) it passes every request that meets no fault through unchanged, signature and
 * all, so a test can fail one photo's GET, or a marker's conditional PUT, twice and then heal.
 * It can also let a request reach the store and then lose the store's answer
 * ({@link #loseAnswerOfNextWhere}), the case where a client's retry meets its own write.
 */
public final class FaultyS3 extends LoopbackServer {

    /** Hop-by-hop and framing headers, set anew on each side. */
    private static final Set<String> NOT_FORWARDED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "expect", "date");

    private final URI upstream;
    /** Requests that reach the store and then lose their answer, picked in order. */
    private final List<Landed> lostAnswers = new ArrayList<>();

    /** Fails every request. */
    public FaultyS3() {
        this.upstream = null;
    }

    /** Passes requests that meet no fault through to {@code upstream}. */
    public FaultyS3(URI upstream) {
        this.upstream = upstream;
    }

    /**
     * The next request that {@code which} picks reaches the store and does what it asks, but the
     * client gets {@code fault} instead of the store's answer: the answer lost on the way back
     * (a 500 from a proxy, a reset connection), after which a client's retry meets its own write.
     * Needs an upstream; several calls queue several such requests, met in the order given.
     */
    public void loseAnswerOfNextWhere(Predicate<Request> which, Fault fault) {
        if (upstream == null) {
            throw new IllegalStateException("an answer can only be lost in front of a store; use FaultyS3(URI)");
        }
        synchronized (lostAnswers) {
            lostAnswers.add(new Landed(which, fault));
        }
    }

    @Override
    public void heal() {
        super.heal();
        synchronized (lostAnswers) {
            lostAnswers.clear();
        }
    }

    @Override
    protected void answer(HttpExchange exchange, byte[] body) throws IOException {
        if (upstream == null) {
            answerFault(exchange, Fault.error(500, "InternalError", "We encountered an internal error. Please try again."));
            return;
        }
        Fault lost = lostAnswer(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), body));
        if (lost != null) {
            exchange(exchange, body);
            answerFault(exchange, lost);
            return;
        }
        forward(exchange, body);
    }

    private Fault lostAnswer(Request request) {
        synchronized (lostAnswers) {
            for (Iterator<Landed> it = lostAnswers.iterator(); it.hasNext(); ) {
                Landed landed = it.next();
                if (landed.which().test(request)) {
                    it.remove();
                    return landed.fault();
                }
            }
        }
        return null;
    }

    private record Landed(Predicate<Request> which, Fault fault) {
    }

    @Override
    protected void answerFault(HttpExchange exchange, Fault fault) throws IOException {
        send(exchange, fault.status(), "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Error><Code>" + xml(fault.code()) + "</Code><Message>" + xml(fault.message()) + "</Message>"
                + "<RequestId>fake</RequestId></Error>");
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        relay(exchange, exchange(exchange, body));
    }

    /** One HTTP/1.0 exchange with the upstream: no chunking, the answer ends when the connection does. */
    private byte[] exchange(HttpExchange exchange, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(exchange.getRequestMethod()).append(' ')
                .append(exchange.getRequestURI().getRawPath());
        if (exchange.getRequestURI().getRawQuery() != null) {
            head.append('?').append(exchange.getRequestURI().getRawQuery());
        }
        head.append(" HTTP/1.0\r\n");
        // The Host header goes on unchanged: the client signed it.
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : header.getValue()) {
                    head.append(header.getKey()).append(": ").append(value).append("\r\n");
                }
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        byte[] answer;
        try (Socket socket = new Socket(upstream.getHost(), upstream.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            answer = socket.getInputStream().readAllBytes();
        }
        return answer;
    }

    /** Sends the upstream's answer on to the client. */
    private static void relay(HttpExchange exchange, byte[] answer) throws IOException {
        int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String[] lines = new String(answer, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).strip();
            String value = lines[i].substring(colon + 1).strip();
            if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        byte[] payload = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
        if (chunked) {
            payload = dechunk(payload);
        }
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
        if (noBody) {
            String length = null;
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = lines[i].substring("content-length:".length()).strip();
                }
            }
            if (length != null) {
                exchange.getResponseHeaders().set("Content-Length", length);
            }
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(payload);
            }
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, 0, pattern);
    }

    private static int indexOf(byte[] data, int from, byte[] pattern) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("the upstream's answer is cut short");
    }
}
