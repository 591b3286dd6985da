package org.fieldmark.application.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.sighting.DailyDigest;

/** Keeps what it was asked to deliver; can be told to fail, as a throttled or broken channel would. */
public final class RecordingNotifier implements NotificationPort {

    private final List<IdentificationResult> delivered = new CopyOnWriteArrayList<>();
    private final List<DailyDigest> digests = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
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

    /** The digests delivered, in order. */
    public List<DailyDigest> digests() {
        return List.copyOf(digests);
    }

    /** The text of everything delivered (identifications and digests), in order. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(IdentificationResult result) {
        RuntimeException broken = failure;
        if (broken != null) {
            throw broken;
        }
        delivered.add(result);
        messages.add(result.message());
    }

    @Override
    public void publishDigest(DailyDigest digest) {
        RuntimeException broken = failure;
        if (broken != null) {
            throw broken;
        }
        digests.add(digest);
        messages.add(digest.message());
    }
}
