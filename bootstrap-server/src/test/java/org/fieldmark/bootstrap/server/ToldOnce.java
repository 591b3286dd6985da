package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.fieldmark.bootstrap.server.BirdLogFile.Told;

/**
 * How often each channel may have been told about each photo across a kill, judged by what the
 * bird log held at the kill: a delivery recorded as delivered was told before the kill and never
 * again; a photo not recorded yet was told by nobody before the kill and once after; a delivery
 * still pending was told once after the restart, and may also have been told just before the
 * kill, when the channel took the message but the server died before writing that down (the
 * at-least-once window the README names).
 */
final class ToldOnce {

    private final List<String> photos;
    private final Map<Told, String> atKill;

    /**
     * @param photos the photos of the batch
     * @param atKill each delivery's state in the bird log right after the kill
     */
    ToldOnce(List<String> photos, Map<Told, String> atKill) {
        this.photos = List.copyOf(photos);
        this.atKill = Map.copyOf(atKill);
    }

    /**
     * Checks every photo and channel; returns the deliveries told twice (each inside the window).
     *
     * @param before the photo keys each channel was told by the killed run, one per telling
     * @param after  the same for the run after the restart
     */
    List<Told> check(Map<String, List<String>> before, Map<String, List<String>> after) {
        List<Told> toldTwice = new ArrayList<>();
        for (Map.Entry<String, List<String>> channel : before.entrySet()) {
            for (String photo : photos) {
                Told told = new Told(photo, channel.getKey());
                int first = Collections.frequency(channel.getValue(), photo);
                int second = Collections.frequency(after.get(channel.getKey()), photo);
                String state = atKill.get(told);
                String what = told + " was " + (state == null ? "not recorded" : state) + " at the kill";
                if ("DELIVERED".equals(state)) {
                    assertThat(List.of(first, second)).as(what + ": told before the kill, never after")
                            .containsExactly(1, 0);
                } else if (state == null) {
                    assertThat(List.of(first, second)).as(what + ": told by nobody before it was recorded, "
                            + "then once").containsExactly(0, 1);
                } else {
                    assertThat(state).as(what).isEqualTo("PENDING");
                    assertThat(second).as(what + ": told once after the restart").isEqualTo(1);
                    assertThat(first).as(what + ": told at most once before the kill").isLessThanOrEqualTo(1);
                    if (first == 1) {
                        toldTwice.add(told);
                    }
                }
            }
            assertThat(channel.getValue()).as(channel.getKey() + " before the kill: only photos of the batch")
                    .isSubsetOf(photos);
            assertThat(after.get(channel.getKey())).as(channel.getKey() + " after the restart: only photos of the "
                    + "batch").isSubsetOf(photos);
        }
        return List.copyOf(toldTwice);
    }
}
