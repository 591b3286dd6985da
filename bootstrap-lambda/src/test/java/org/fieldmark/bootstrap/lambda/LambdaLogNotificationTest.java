package org.fieldmark.bootstrap.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.testing.NotificationPortContract;

/**
 * {@code NOTIFY=log} (adapter-log's notifier on the function's log) passes the notification
 * contract against a real output stream that can fail.
 */
class LambdaLogNotificationTest extends NotificationPortContract {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private volatile boolean broken;
    private final PrintStream out = new PrintStream(new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            if (broken) {
                throw new IOException("no space left on device");
            }
            written.write(b);
        }
    }, true, StandardCharsets.UTF_8);

    @Override
    protected NotificationPort notifier() {
        return LambdaWiring.notifier(LambdaConfiguration.Notify.LOG, null, null, image -> Optional.empty(), null,
                new JsonLog(out));
    }

    @Override
    protected List<String> deliveredMessages() {
        List<String> messages = new ArrayList<>();
        for (String line : written.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                messages.add(messageOf(line));
            }
        }
        return messages;
    }

    @Override
    protected void breakChannel() {
        broken = true;
    }

    /** The {@code message} string of one JSON line, unescaped. */
    private static String messageOf(String line) {
        int at = line.indexOf("\"message\":\"") + "\"message\":\"".length();
        StringBuilder text = new StringBuilder();
        for (int i = at; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return text.toString();
            }
            if (c == '\\') {
                char next = line.charAt(++i);
                switch (next) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        text.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> text.append(next);
                }
            } else {
                text.append(c);
            }
        }
        throw new IllegalStateException("no message in " + line);
    }
}
