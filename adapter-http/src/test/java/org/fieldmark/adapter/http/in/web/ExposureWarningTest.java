package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExposureWarningTest {

    @ParameterizedTest(name = "{0}, key {1} -> warn {2}")
    @CsvSource({
            "127.0.0.1, false, false",
            "127.0.0.2, false, false",
            "localhost, false, false",
            "::1,       false, false",
            "[::1],     false, false",
            "0.0.0.0,   false, true",
            "::,        false, true",
            "10.1.2.3,  false, true",
            "0.0.0.0,   true,  false",
            "10.1.2.3,  true,  false"})
    void warnsWhenListeningBeyondLoopbackWithoutAKey(String host, boolean key, boolean warns) {
        WebApiSettings settings = key ? WebApiSettings.defaults().withApiKey("k") : WebApiSettings.defaults();

        var warning = WebApi.exposureWarning(host, settings);

        assertThat(warning.isPresent()).isEqualTo(warns);
        warning.ifPresent(text -> assertThat(text).startsWith("WARNING: the Fieldmark API listens on " + host)
                .contains("without an API key"));
    }
}
