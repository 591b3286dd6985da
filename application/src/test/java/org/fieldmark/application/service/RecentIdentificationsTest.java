package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.testing.Results;
import org.junit.jupiter.api.Test;

class RecentIdentificationsTest {

    private static IdentificationResult result(String key) {
        return Results.workshop("feeder", key, 0.02, 0.94, 0.03, 0.01);
    }

    @Test
    void listsNewestFirstUpToTheLimit() {
        RecentIdentifications recent = new RecentIdentifications(10);
        for (int i = 1; i <= 5; i++) {
            recent.record(result("birds/" + i + ".jpg"));
        }

        assertThat(recent.recent(3)).extracting(r -> r.source().key())
                .containsExactly("birds/5.jpg", "birds/4.jpg", "birds/3.jpg");
        assertThat(recent.recent(100)).hasSize(5);
    }

    @Test
    void dropsTheOldestWhenFull() {
        RecentIdentifications recent = new RecentIdentifications(2);
        recent.record(result("birds/1.jpg"));
        recent.record(result("birds/2.jpg"));
        recent.record(result("birds/3.jpg"));

        assertThat(recent.recent(10)).extracting(r -> r.source().key()).containsExactly("birds/3.jpg", "birds/2.jpg");
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new RecentIdentifications().recent(0))
                .isInstanceOf(InvalidRequestException.class).hasMessage("limit must be at least 1, got 0");
    }
}
