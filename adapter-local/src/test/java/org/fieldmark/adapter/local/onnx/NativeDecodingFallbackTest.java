package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaCPP unpacks the natives into a cache directory before loading them: where it can write none
 * (a read-only home, no usable temporary directory), the process decodes with ImageIO, says why
 * once, and gives the same answer. Each case runs in its own JVM (the natives load once per process).
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class NativeDecodingFallbackTest {

    @TempDir
    Path dir;

    @Test
    void decodesNativelyWhenTheCacheCanBeWritten() throws Exception {
        Result result = decodeInChild(List.of("-Dorg.bytedeco.javacpp.cachedir=" + dir.resolve("cache")));

        assertThat(result.output()).contains("JPEG photos are decoded with OpenCV").contains("decoded 512x384");
    }

    @Test
    void fallsBackToImageIoSayingWhyWhenNoCacheCanBeWritten() throws Exception {
        // A path below a plain file can never become a directory, even for root.
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
        Result result = decodeInChild(List.of("-Duser.home=" + file.resolve("home"),
                "-Djava.io.tmpdir=" + file.resolve("tmp"), "-Dorg.bytedeco.javacpp.cachedir=" + file.resolve("cache")));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("JPEG photos are decoded with ImageIO (slower)")
                .contains("decoded 512x384");
    }

    private record Result(int exitCode, String output) {
    }

    private Result decodeInChild(List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(DecodeOnePhoto.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return new Result(child.exitValue(), output);
    }

    /** The child: decodes owl.jpg once and prints the size it got. */
    static final class DecodeOnePhoto {

        private DecodeOnePhoto() {
        }

        public static void main(String[] args) {
            RgbImage owl = ImageDecoder.decode(Photos.bytes(Photos.OWL), 448, 448);
            System.out.println("decoded " + owl.width() + "x" + owl.height());
        }
    }
}
