package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fieldmark.adapter.http.out.inference.HttpInferenceAdapter;
import org.fieldmark.adapter.http.out.inference.HttpInferenceSettings;
import org.fieldmark.adapter.local.onnx.BundledBirdModel;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fieldmark serve} with the bundled model, end to end: Fieldmark's own HTTP model client
 * (the kserve protocol) gets from the model server exactly what the embedded model answers in this
 * process, and with the workshop's catalog the SageMaker contract answers its four species picked
 * from the 965 classes by name and renormalised.
 */
class ModelServerTest {

    private static EmbeddedOnnxInferenceAdapter embedded;
    private static FieldmarkModelServer inat;
    private static FieldmarkModelServer workshop;

    @BeforeAll
    static void start() {
        embedded = EmbeddedOnnxInferenceAdapter.bundled(1);
        inat = serve("--server.port=0");
        workshop = serve("--server.port=0", "--identification.labels=workshop-4", "--serve.model-name=workshop");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {inat, workshop, embedded}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static FieldmarkModelServer serve(String... options) {
        ServerConfigLoader.Serving config = new ServerConfigLoader(Map.of(), path -> "").loadServing(options);
        return FieldmarkModelServer.start(config.server(), config.serve());
    }

    static byte[] photo(String name) {
        try (InputStream in = ModelServerTest.class.getResourceAsStream("/photos/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI base(FieldmarkModelServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"owl.jpg", "parrot.jpg", "bird.bmp"})
    void theKserveClientGetsTheEmbeddedModelsProbabilitiesForARealPhoto(String name) {
        ImageBytes image = new ImageBytes(photo(name), "");
        HttpInferenceAdapter client = new HttpInferenceAdapter(HttpInferenceSettings.kserveV2(base(inat), "fieldmark"));

        ModelOutput served = client.infer(image);
        double[] local = embedded.infer(image).probabilities();

        assertThat(served.probabilities()).hasSize(965).hasSize(local.length);
        for (int i = 0; i < local.length; i++) {
            assertThat((float) served.probabilities()[i]).as("class %d", i).isEqualTo((float) local[i]);
        }
        assertThat(client.ready()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"owl.jpg", "parrot.jpg"})
    void theSageMakerContractAnswersTheWorkshopsFourSpeciesRenormalised(String name) {
        ImageBytes image = new ImageBytes(photo(name), "application/x-image");
        HttpInferenceAdapter client = new HttpInferenceAdapter(HttpInferenceSettings.sageMaker(base(workshop)));

        double[] served = client.infer(image).probabilities();

        double[] expected = workshopShare(embedded.infer(image).probabilities());
        assertThat(served).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(served[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(served[0] + served[1] + served[2] + served[3]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** The workshop's species found in the bundled labels by their common names, over their sum. */
    static double[] workshopShare(double[] inat) {
        SpeciesCatalog labels = BundledBirdModel.catalog();
        double[] picked = new double[4];
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            String wanted = SpeciesCatalog.WORKSHOP_4.species(i).name();
            int index = labels.species().stream().filter(s -> s.name().equals(wanted)).findFirst().orElseThrow()
                    .index();
            picked[i] = inat[index];
            sum += picked[i];
        }
        for (int i = 0; i < 4; i++) {
            picked[i] /= sum;
        }
        return picked;
    }

    @Test
    void refusesACatalogWithSpeciesTheModelDoesNotKnowBeforeListening(@TempDir Path dir) throws IOException {
        Path labels = Files.writeString(dir.resolve("garden.txt"), "Northern Cardinal\nDodo\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serve("--server.port=0", "--identification.labels=" + labels))
                .isInstanceOf(ConfigurationInvalidException.class)
                .hasMessageContaining("identification.labels: catalog 'garden.txt' cannot be served from the model's "
                        + "catalog 'inat-birds': it has no class named Dodo");
    }

    @Test
    void refusesBadServeOptionsListingEveryProblem() {
        assertThatThrownBy(() -> serve("--server.port=0", "--serve.max-batch=0", "--serve.model-name=a/b"))
                .isInstanceOf(ConfigurationInvalidException.class)
                .hasMessageContaining("serve.max-batch").hasMessageContaining("serve.model-name 'a/b'");
    }

    @Test
    void isStartedByTheServeCommandWord() {
        assertThat(FieldmarkModelServer.isCommand(new String[] {"serve", "--server.port=0"})).isTrue();
        assertThat(FieldmarkModelServer.isCommand(new String[] {"serve-model"})).isTrue();
        assertThat(FieldmarkModelServer.isCommand(new String[] {"--server.port=0"})).isFalse();
        assertThat(FieldmarkModelServer.isCommand(new String[0])).isFalse();
        assertThat(List.of("serve", "serve-model")).isEqualTo(FieldmarkModelServer.COMMANDS);
    }
}
