package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two packaged jars: the default deployable stays small (no bird model, no ONNX Runtime), the
 * embedded one has everything {@code INFERENCE=embedded} needs, for Linux only.
 */
class DeployablesIT {

    @BeforeEach
    void needsThePackagedJars() {
        assumeTrue(System.getProperty("fieldmark.lambda.embedded.jar") != null,
                "runs in the integration-test phase, after package built the shaded jars");
    }

    private static List<String> entries(String property) throws IOException {
        Path jar = Path.of(System.getProperty(property));
        assertThat(jar).exists();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void theDefaultJarHasNeitherTheBirdModelNorOnnxRuntime() throws IOException {
        List<String> entries = entries("fieldmark.lambda.jar");

        assertThat(entries).contains("org/fieldmark/bootstrap/lambda/S3EventHandler.class",
                "org/fieldmark/bootstrap/lambda/EmbeddedModel.class",
                "org/fieldmark/adapter/aws/sagemaker/SageMakerInferenceAdapter.class");
        assertThat(entries).noneMatch(name -> name.startsWith("org/fieldmark/adapter/local/"))
                .noneMatch(name -> name.startsWith("ai/onnxruntime/"))
                .noneMatch(name -> name.endsWith(".onnx"));
    }

    @Test
    void theEmbeddedJarHasTheModelAndOnnxRuntimeForLinux() throws IOException {
        List<String> entries = entries("fieldmark.lambda.embedded.jar");

        assertThat(entries).contains("org/fieldmark/bootstrap/lambda/S3EventHandler.class",
                "org/fieldmark/adapter/local/onnx/EmbeddedOnnxInferenceAdapter.class",
                "org/fieldmark/adapter/local/onnx/inat_bird_mobilenet_v2.onnx",
                "org/fieldmark/adapter/local/onnx/inat_bird_labels.txt",
                "org/fieldmark/adapter/local/onnx/LICENSE",
                "ai/onnxruntime/OrtEnvironment.class",
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so");
        assertThat(entries).noneMatch(name -> name.startsWith("ai/onnxruntime/native/osx-"))
                .noneMatch(name -> name.startsWith("ai/onnxruntime/native/win-"));
    }

    @Test
    void theDefaultJarIsNoLargerThanBeforeTheEmbeddedModel() throws IOException {
        // 11,048,826 bytes when the Lambda build had no embedded model, 11,102,292 with the bird log and
        // notification policy; the model (megabytes) must not leak in.
        assertThat(Files.size(Path.of(System.getProperty("fieldmark.lambda.jar")))).isLessThan(11_250_000L);
        assertThat(Files.size(Path.of(System.getProperty("fieldmark.lambda.embedded.jar"))))
                .isGreaterThan(Files.size(Path.of(System.getProperty("fieldmark.lambda.jar"))));
    }
}
