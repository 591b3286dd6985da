package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two packaged jars: the default deployable stays small (no bird model, no ONNX Runtime), the
 * embedded one has everything {@code INFERENCE=embedded} needs, for Linux only.
 */
class DeployablesIT {

    private static final String SERVICES = "software/amazon/awssdk/services/";

    @BeforeEach
    void needsThePackagedJars() {
        assumeTrue(System.getProperty("fieldmark.lambda.embedded.jar") != null,
                "runs in the integration-test phase, after package built the shaded jars");
    }

    /**
     * What the shade filters leave out must not be needed by what they keep: every class of the
     * default jar links (the JVM verifies it, loading what verification needs) and initialises
     * (its static state, e.g. an SDK request's field list with the builders of its member types)
     * with the jar alone on the class path. Two kinds are only loaded: the request classes of the S3,
     * SNS and SageMaker Runtime operations Fieldmark never calls, which stay only because the client
     * classes name them (their builder implementations and shapes are left out), and the SDK's AWS CRT
     * glue, which needs the CRT library the SDK uses only when it is on the class path (it never is
     * here; two of its classes implement CRT interfaces and cannot even load without it, as before any
     * filtering).
     */
    @Test
    void everyClassTheDefaultJarKeepsLinksAndInitialisesWithTheJarAlone() throws Exception {
        Path jar = Path.of(System.getProperty("fieldmark.lambda.jar"));
        List<String> failures = new ArrayList<>();
        int linked = 0;
        Set<String> classes = classes(entries("fieldmark.lambda.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String entry : entries("fieldmark.lambda.jar")) {
                if (!entry.endsWith(".class") || entry.startsWith("META-INF/") || entry.endsWith("module-info.class")) {
                    continue;
                }
                String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                if (needsTheCrt(name)) {
                    continue;
                }
                try {
                    Class.forName(name, false, loader);
                    if (!loadOnly(name.replace('.', '/'), classes)) {
                        Class.forName(name, true, loader);
                        linked++;
                    }
                } catch (LinkageError | ClassNotFoundException e) {
                    failures.add(name + ": " + e);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(linked).isGreaterThan(4_000);
    }

    private static boolean loadOnly(String name, Set<String> classes) {
        return keptOnlyForTheClients(name, classes) || name.startsWith("software/amazon/awssdk/http/auth/aws/crt/")
                || name.startsWith("software/amazon/awssdk/crtcore/");
    }

    /**
     * A request class of an operation Fieldmark never calls: kept without its builder implementation
     * (nor its member shapes), so that the client classes that name it link.
     */
    private static boolean keptOnlyForTheClients(String name, Set<String> classes) {
        return name.startsWith(SERVICES) && name.contains("/model/") && name.endsWith("Request")
                && !classes.contains(name + "$BuilderImpl");
    }

    /** The jar's class names, slash-separated, without {@code .class}. */
    private static Set<String> classes(List<String> entries) {
        return entries.stream().filter(name -> name.endsWith(".class"))
                .map(name -> name.substring(0, name.length() - ".class".length())).collect(Collectors.toSet());
    }

    /**
     * The S3, SNS and SageMaker Runtime filters keep, by name, the model classes of the operations
     * Fieldmark calls; this holds them to what the kept classes name, which linking alone does not
     * (an enum a response getter returns is resolved only when the getter runs). No class of those
     * services that stays names a class that went, but the clients (they name every operation's
     * response and marshaller), the request classes kept only for them, and the async client, which
     * only S3 Express's session cache names (directory buckets; Fieldmark's buckets are not).
     */
    @Test
    void noClassOfTheTrimmedServicesNamesAClassTheJarLeftOut() throws IOException {
        Path jar = Path.of(System.getProperty("fieldmark.lambda.jar"));
        Set<String> classes = classes(entries("fieldmark.lambda.jar"));
        Pattern named = Pattern.compile(SERVICES + "[a-z0-9]+/([a-z0-9]+/)*[A-Z][A-Za-z0-9_$]*");
        Set<String> leftOut = new TreeSet<>();
        int checked = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String name : classes) {
                String outer = name.endsWith("Request$Builder") ? name.substring(0, name.length() - "$Builder".length()) : name;
                if (!name.startsWith(SERVICES) || name.endsWith("Client") || keptOnlyForTheClients(outer, classes)) {
                    continue;
                }
                checked++;
                // Class names in the constant pool are plain ASCII, so one byte per character finds them.
                String text = new String(zip.getInputStream(zip.getEntry(name + ".class")).readAllBytes(),
                        StandardCharsets.ISO_8859_1);
                Matcher matcher = named.matcher(text);
                while (matcher.find()) {
                    String other = matcher.group();
                    if (!classes.contains(other) && !other.endsWith("/S3AsyncClient")) {
                        leftOut.add(name + " names " + other);
                    }
                }
            }
        }
        assertThat(leftOut).isEmpty();
        assertThat(checked).isGreaterThan(800);
    }

    private static boolean needsTheCrt(String name) {
        return name.equals("software.amazon.awssdk.crtcore.CrtRequestBodyAdapter")
                || name.equals("software.amazon.awssdk.http.auth.aws.crt.internal.io.CrtInputStream");
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
                .noneMatch(name -> name.endsWith(".onnx"))
                .noneMatch(name -> name.startsWith("org/bytedeco/"));
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
                .noneMatch(name -> name.startsWith("ai/onnxruntime/native/win-"))
                // The server's native JPEG decoder stays out (20+ MB); the function decodes with ImageIO.
                .noneMatch(name -> name.startsWith("org/bytedeco/"));
    }

    @Test
    void theDefaultJarStaysWithinTenMegabytesAndSmallerThanTheEmbeddedOne() throws IOException {
        // Issue 5: at most 10 MB without the model (11,052,077 bytes before the SDK's unused parts went).
        assertThat(Files.size(Path.of(System.getProperty("fieldmark.lambda.jar")))).isLessThanOrEqualTo(10_000_000L);
        assertThat(Files.size(Path.of(System.getProperty("fieldmark.lambda.embedded.jar"))))
                .isGreaterThan(Files.size(Path.of(System.getProperty("fieldmark.lambda.jar"))));
    }
}
