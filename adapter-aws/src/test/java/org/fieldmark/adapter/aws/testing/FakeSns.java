package org.fieldmark.adapter.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SNS's Publish on loopback in the Query protocol (form-encoded POST, XML answers and
 * {@code ErrorResponse}s). Records every message delivered; unknown topics get NotFound.
 */
public final class FakeSns extends LoopbackServer {

    /** A message attribute as it arrived. */
    public record Attribute(String dataType, String value) {
    }

    /** One delivered Publish. */
    public record Publish(String topicArn, String message, String subject, Map<String, Attribute> attributes,
                          String messageGroupId, String deduplicationId) {
    }

    private final List<Publish> published = new CopyOnWriteArrayList<>();
    private volatile Set<String> topics;

    public FakeSns(Set<String> topics) {
        this.topics = Set.copyOf(topics);
    }

    /** Messages delivered, in order (refused ones are not here). */
    public List<Publish> published() {
        return List.copyOf(published);
    }

    public List<String> messages() {
        return published.stream().map(Publish::message).toList();
    }

    @Override
    protected void answer(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        if (!"Publish".equals(form.get("Action"))) {
            error(exchange, 400, "InvalidAction", "The action " + form.get("Action") + " is not valid for this endpoint.");
            return;
        }
        String topic = form.get("TopicArn");
        if (topic == null || !topics.contains(topic)) {
            error(exchange, 404, "NotFound", "Topic does not exist");
            return;
        }
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i + ".";
            attributes.put(form.get(prefix + "Name"), new Attribute(form.get(prefix + "Value.DataType"),
                    form.get(prefix + "Value.StringValue")));
        }
        published.add(new Publish(topic, form.get("Message"), form.get("Subject"), attributes,
                form.get("MessageGroupId"), form.get("MessageDeduplicationId")));
        send(exchange, 200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<PublishResult><MessageId>" + UUID.randomUUID() + "</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</PublishResponse>");
    }

    @Override
    protected void answerFault(HttpExchange exchange, Fault fault) throws IOException {
        error(exchange, fault.status(), fault.code(), fault.message());
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "text/xml", "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<Error><Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + xml(code) + "</Code>"
                + "<Message>" + xml(message) + "</Message></Error>"
                + "<RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }
}
