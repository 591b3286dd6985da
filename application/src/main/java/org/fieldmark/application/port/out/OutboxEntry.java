package org.fieldmark.application.port.out;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fieldmark.domain.sighting.Sighting;

/**
 * One identified photo in the outbox ({@link OutboxPort}): which photo (and which version of it),
 * the sighting recorded for it, what the channels are told (the identification, encoded by the
 * service), and one {@link Delivery} per channel that is to be told.
 *
 * @param id         {@link #idOf} for a photo with a known version, so a photo has one entry;
 *                   random otherwise (an upload is a new photo every time)
 * @param photo      where the photo came from
 * @param version    the photo's version or ETag; {@code null} when unknown
 * @param time       when it was recorded
 * @param sighting   the bird-log entry, {@code null} without a bird log or when nothing was recorded
 * @param payload    what a channel needs to send it again after a restart, as the service encoded it
 * @param deliveries one per channel to tell, in delivery order; empty when nobody is told
 */
public record OutboxEntry(String id, ImageReference photo, String version, Instant time, Sighting sighting,
                          String payload, List<Delivery> deliveries) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(photo, "photo");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
        deliveries = List.copyOf(deliveries);
        if (deliveries.stream().map(Delivery::channel).distinct().count() != deliveries.size()) {
            throw new IllegalArgumentException("an outbox entry has at most one delivery per channel: " + deliveries);
        }
    }

    /**
     * The entry id of a photo: the same for every attempt at the same version of the same photo, so
     * a retry finds what the first attempt recorded. A random id when the version is unknown.
     */
    public static String idOf(ImageReference photo, String version) {
        if (version == null || version.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        String identity = photo.bucket().length() + ":" + photo.bucket() + "\n" + photo.key().length() + ":"
                + photo.key() + "\n" + version;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "photo-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The delivery to {@code channel}, if that channel is to be told. */
    public Optional<Delivery> delivery(String channel) {
        return deliveries.stream().filter(d -> d.channel().equals(channel)).findFirst();
    }

    /** This entry with {@code changed} in place of its channel's delivery. */
    public OutboxEntry with(Delivery changed) {
        if (delivery(changed.channel()).isEmpty()) {
            throw new IllegalArgumentException("entry " + id + " has no delivery to channel '" + changed.channel()
                    + "'");
        }
        return new OutboxEntry(id, photo, version, time, sighting, payload, deliveries.stream()
                .map(d -> d.channel().equals(changed.channel()) ? changed : d).toList());
    }

    /** {@code true} when some channel still waits for it. */
    public boolean hasPending() {
        return deliveries.stream().anyMatch(Delivery::pending);
    }
}
