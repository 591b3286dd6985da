package org.fieldmark.application.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;

/** Keeps what it was asked to deliver; can be told to fail, as a throttled or broken channel would. */
public final class RecordingNotifier implements NotificationPort {

    private final List<IdentificationResult> delivered = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    /** Every later delivery throws {@code failure} (any exception, to test wrapping), until {@link #heal()}. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Every later delivery fails as a throttled channel would. */
    public void failThrottled() {
        failWith(new NotificationFailedException("channel throttled the publish", true));
    }

    public void heal() {
        this.failure = null;
    }

    public List<IdentificationResult> delivered() {
        return List.copyOf(delivered);
    }

    public List<String> messages() {
        return delivered.stream().map(IdentificationResult::message).toList();
    }

    @Override
    public void publish(IdentificationResult result) {
        RuntimeException broken = failure;
        if (broken != null) {
            throw broken;
        }
        delivered.add(result);
    }
}
