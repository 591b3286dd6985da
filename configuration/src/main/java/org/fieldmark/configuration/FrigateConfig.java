package org.fieldmark.configuration;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The server's Frigate integration ({@code frigate.*}); {@link #enabled()} when {@code frigate.url} is set.
 *
 * @param url                Frigate's API, {@code null} when the integration is off
 * @param token              for Frigate's authenticated port, {@code null} for none
 * @param mqttPrefix         Frigate's MQTT topic prefix
 * @param labels             the labels identified
 * @param cameras            the cameras listened to; empty for all
 * @param zones              the zones required; empty for anywhere
 * @param writeSubLabel      whether confident species are written back
 * @param subLabelName       {@code common}, {@code scientific} or {@code both}
 * @param maxIdentifications identifications per event before its end
 * @param locate             whether the locator looks inside Frigate's crop
 * @param queue              events waiting for identification before more are dropped
 * @param timeout            per request to Frigate
 * @param maxAttempts        attempts per request
 */
public record FrigateConfig(URI url, String token, String mqttPrefix, List<String> labels, List<String> cameras,
                            List<String> zones, boolean writeSubLabel, String subLabelName, int maxIdentifications,
                            boolean locate, int queue, Duration timeout, int maxAttempts) {

    public FrigateConfig {
        labels = List.copyOf(labels);
        cameras = List.copyOf(cameras);
        zones = List.copyOf(zones);
    }

    /** Whether Frigate's events are listened to. */
    public boolean enabled() {
        return url != null;
    }

    @Override
    public String toString() {
        // The token never reaches a log line.
        return "FrigateConfig[url=" + url + ", token=" + (token == null ? "none" : "set") + ", mqttPrefix="
                + mqttPrefix + ", labels=" + labels + ", cameras=" + cameras + ", zones=" + zones + "]";
    }
}
