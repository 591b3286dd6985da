package org.fieldmark.bootstrap.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;

/**
 * A temporary photo archive for the {@code identify} tests, and the command run on it in this JVM with
 * the real embedded model, counting the model's answers.
 */
final class Archive {

    private final Path root;
    private final AtomicInteger modelAnswers = new AtomicInteger();

    Archive(Path root) {
        this.root = root;
    }

    /** The command's exit code and what it wrote. */
    record Run(int exitCode, String out, String err) {
    }

    Path root() {
        return root;
    }

    Path path(String name) {
        return root.resolve(name);
    }

    /** The test photo {@code photo} (owl.jpg, parrot.jpg, bird.bmp) saved as {@code name}. */
    Path photo(String name, String photo) throws IOException {
        return write(name, bytes(photo));
    }

    Path write(String name, byte[] content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** The good, bad, nested and duplicate photos most tests use. */
    Archive mixed() throws IOException {
        photo("owl.jpg", "owl.jpg");
        photo("parrot.jpg", "parrot.jpg");
        photo("bird.bmp", "bird.bmp");
        write("notes.jpg", "a shopping list, not a photo\n".getBytes(StandardCharsets.UTF_8));
        write("empty.jpg", new byte[0]);
        write("cut.jpg", Arrays.copyOf(bytes("parrot.jpg"), 5000));
        photo("nested/deeper/owl-again.jpg", "owl.jpg");
        return this;
    }

    static byte[] bytes(String photo) throws IOException {
        try (InputStream in = Objects.requireNonNull(Archive.class.getResourceAsStream("/photos/" + photo), photo)) {
            return in.readAllBytes();
        }
    }

    /** How often the model answered since the archive was made. */
    int modelAnswers() {
        return modelAnswers.get();
    }

    /** {@code fieldmark identify ARGS} with no environment, not on a terminal. */
    Run identify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IdentifyCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, this::counting);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private InferencePort counting(InferencePort model) {
        return image -> {
            ModelOutput answer = model.infer(image);
            modelAnswers.incrementAndGet();
            return answer;
        };
    }
}
