package org.fieldmark.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsFileTest {

    @Test
    void loadsALabelsFileNamedAfterTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("garden-birds.txt");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "background\nCardinalis cardinalis (Northern Cardinal)\nMésange bleue\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(file, bom);
        Files.write(file, text, java.nio.file.StandardOpenOption.APPEND);

        SpeciesCatalog catalog = LabelsFile.read(file);

        assertThat(catalog.name()).isEqualTo("garden-birds.txt");
        assertThat(catalog.size()).isEqualTo(3);
        assertThat(catalog.species(0).name()).isEqualTo("background");
        assertThat(catalog.species(0).bird()).isFalse();
        assertThat(catalog.species(1).key()).isEqualTo("Cardinalis cardinalis");
        assertThat(catalog.species(2).name()).isEqualTo("Mésange bleue");
    }

    @Test
    void namesTheFileItCannotRead(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-labels.txt");

        assertThatThrownBy(() -> LabelsFile.read(missing))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read labels file")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void namesTheFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, new byte[] {'M', (byte) 0xE9, 's', 'a', 'n', 'g', 'e', '\n'});

        assertThatThrownBy(() -> LabelsFile.read(file))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read labels file")
                .hasMessageContaining(file.toString());
    }

    @Test
    void namesTheLoadedFileInItsErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.txt");
        Files.writeString(file, "Purple Martin\n\nNorthern Cardinal\n");

        assertThatThrownBy(() -> LabelsFile.read(file))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalog 'broken.txt' is invalid: line 2 is blank (class 1)");
    }
}
