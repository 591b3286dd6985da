package org.fieldmark.adapter.http.in.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.fieldmark.adapter.http.out.inference.HttpInferenceAdapter;
import org.fieldmark.adapter.http.out.inference.HttpInferenceSettings;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fieldmark's own HTTP model client, in both of its protocols, against Fieldmark's model server. */
class FieldmarkClientsAgainstTheModelServerTest {

    private static ServingFixture server;

    @BeforeAll
    static void start() {
        server = new ServingFixture();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpInferenceAdapter client(HttpInferenceSettings settings) {
        return new HttpInferenceAdapter(settings.withRetries(1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void theKserveClientGetsTheModelsProbabilitiesAndSeesItReady() {
        HttpInferenceAdapter kserve = client(HttpInferenceSettings.kserveV2(server.base(), ServingFixture.NAME));

        ModelOutput output = kserve.infer(new ImageBytes(ImageSamples.jpeg(4000), "image/jpeg"));

        assertThat(OpenInferenceProtocolTest.floats(output.probabilities()))
                .containsExactlyElementsOf(OpenInferenceProtocolTest.floats(ServingFixture.answer(4000)));
        assertThat(output.modelId()).isEqualTo(ServingFixture.NAME);
        assertThat(kserve.ready()).isTrue();
        assertThat(server.model.seen()).last().satisfies(image -> assertThat(image.contentType())
                .isEqualTo("image/jpeg"));
    }

    @Test
    void theSageMakerClientGetsTheModelsProbabilitiesExactly() {
        HttpInferenceAdapter sageMaker = client(HttpInferenceSettings.sageMaker(server.base()));

        ModelOutput output = sageMaker.infer(new ImageBytes(ImageSamples.png(5000), "image/png"));

        assertThat(output.probabilities()).containsExactly(ServingFixture.answer(5000));
        assertThat(sageMaker.ready()).isTrue();
    }

    @Test
    void theClientsTurnTheServersRefusalsIntoFieldmarksErrors() {
        ImageBytes text = new ImageBytes("not a photo at all, sorry".getBytes(), "");
        HttpInferenceAdapter sageMaker = client(HttpInferenceSettings.sageMaker(server.base()));
        HttpInferenceAdapter kserve = client(HttpInferenceSettings.kserveV2(server.base(), ServingFixture.NAME));
        HttpInferenceAdapter unknown = client(HttpInferenceSettings.kserveV2(server.base(), "owls"));

        assertThatThrownBy(() -> sageMaker.infer(text)).isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("is not a JPEG, PNG or BMP image");
        // OIP has no status of its own for an unreadable image: 400, a refusal that is not retried.
        assertThatThrownBy(() -> kserve.infer(text)).isInstanceOfSatisfying(FieldmarkException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INFERENCE_FAILED);
            assertThat(e.retryable()).isFalse();
        }).hasMessageContaining("HTTP 400").hasMessageContaining("is not a JPEG, PNG or BMP image");
        assertThatThrownBy(() -> unknown.infer(new ImageBytes(ImageSamples.jpeg(100), "")))
                .hasMessageContaining("HTTP 404").hasMessageContaining("unknown model 'owls'");
        assertThat(unknown.ready()).isFalse();
    }
}
