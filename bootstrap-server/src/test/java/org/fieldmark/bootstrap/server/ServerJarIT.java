package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.fieldmark.adapter.http.testing.OpenApiContract;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code fieldmark-server.jar} as users run it ({@code java -jar}, nothing else on the
 * class path): it keeps SQLite's native library only for the platforms we ship to, and on this
 * machine it still loads it from the jar and keeps the bird log in its SQLite file.
 */
class ServerJarIT {

    private static final Path JAR = ServerProcess.JAR;

    @TempDir
    Path dir;

    private ServerProcess server;
    private HttpServer model;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (model != null) {
            model.stop(0);
        }
    }

    @Test
    void keepsSqlitesNativeLibraryForLinuxMacAndWindowsOnSixtyFourBitOnly() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> natives = jar.stream().map(e -> e.getName())
                    .filter(name -> name.startsWith("org/sqlite/native/") && !name.endsWith("/")).sorted().toList();

            assertThat(natives).containsExactly(
                    "org/sqlite/native/Linux-Musl/aarch64/libsqlitejdbc.so",
                    "org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so",
                    "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
                    "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
                    "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib",
                    "org/sqlite/native/Mac/x86_64/libsqlitejdbc.dylib",
                    "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll");
        }
    }

    @Test
    void leavesOutTheDebugSymbolsOfOnnxRuntimeButKeepsItsLibraries() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> onnx = jar.stream().map(e -> e.getName())
                    .filter(name -> name.startsWith("ai/onnxruntime/native/") && !name.endsWith("/")).toList();

            assertThat(onnx).noneMatch(name -> name.contains(".dSYM/"))
                    .contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                            "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
                            "ai/onnxruntime/native/osx-x64/libonnxruntime.dylib",
                            "ai/onnxruntime/native/win-x64/onnxruntime.dll");
        }
    }

    @Test
    void opensItsSqliteBirdLogFromTheShadedJarAndKeepsASighting() throws Exception {
        model = ServerProcess.model("[0.02, 0.94, 0.03, 0.01]");
        Path tmp = dir.resolve("tmp");
        Path db = dir.resolve("data").resolve("fieldmark.db");
        server = ServerProcess.start(tmp, List.of("--server.port=0", "--folder.watch=false",
                "--folder.path=" + dir.resolve("birds"), "--inference=http",
                "--http-model.url=http://127.0.0.1:" + model.getAddress().getPort(), "--notify=log",
                "--sightings.path=" + db));

        int listening = server.awaitPort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // The shaded jar answers as openapi.yaml says, like the servers of the other tests.
        OpenApiContract contract = OpenApiContract.served();
        byte[] photo = ImageSamples.jpeg(512);
        HttpRequest classify = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + listening + "/v1/classify?key=birds/card.jpg"))
                .header("Content-Type", "image/jpeg").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
        HttpResponse<String> classified = contract.check(classify, photo,
                http.send(classify, HttpResponse.BodyHandlers.ofString()));
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listening + "/v1/sightings"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> sightings = contract.check(list, (String) null,
                http.send(list, HttpResponse.BodyHandlers.ofString()));

        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
        assertThat(sightings.statusCode()).as(sightings.body()).isEqualTo(200);
        Matcher recorded = Pattern.compile("\"sighting\":\\{\"id\":\"([^\"]+)\"").matcher(classified.body());
        assertThat(recorded.find()).as("the result names its sighting: " + classified.body()).isTrue();
        assertThat(sightings.body()).contains("\"id\":\"" + recorded.group(1) + "\"", "\"key\":\"birds/card.jpg\"");
        assertThat(db).as("the SQLite file").isNotEmptyFile();
        try (Stream<Path> extracted = Files.list(tmp)) {
            assertThat(extracted.map(p -> p.getFileName().toString()))
                    .as("sqlite-jdbc unpacked its native library from the jar")
                    .anyMatch(name -> name.contains("sqlitejdbc"));
        }
    }

    @Test
    void keepsOnlyTheNativeJpegDecodersLibrariesOfOpenCvAndOpenBlas() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> natives = jar.stream().map(e -> e.getName())
                    .filter(name -> name.startsWith("org/bytedeco/") && name.contains(".so")).sorted().toList();

            assertThat(natives).containsExactly(
                    "org/bytedeco/javacpp/linux-x86_64/libjnijavacpp.so",
                    "org/bytedeco/openblas/linux-x86_64/libgcc_s.so.1",
                    "org/bytedeco/openblas/linux-x86_64/libgfortran.so.5",
                    "org/bytedeco/openblas/linux-x86_64/libjniopenblas.so",
                    "org/bytedeco/openblas/linux-x86_64/libjniopenblas_nolapack.so",
                    "org/bytedeco/openblas/linux-x86_64/libopenblas.so.0",
                    "org/bytedeco/openblas/linux-x86_64/libquadmath.so.0",
                    "org/bytedeco/opencv/linux-x86_64/libjniopencv_core.so",
                    "org/bytedeco/opencv/linux-x86_64/libjniopencv_imgcodecs.so",
                    "org/bytedeco/opencv/linux-x86_64/libjniopencv_imgproc.so",
                    "org/bytedeco/opencv/linux-x86_64/libopencv_core.so.411",
                    "org/bytedeco/opencv/linux-x86_64/libopencv_imgcodecs.so.411",
                    "org/bytedeco/opencv/linux-x86_64/libopencv_imgproc.so.411");
        }
    }

    /** The embedded model's start-up warm-up loads the native decoder from the jar and says so. */
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void decodesJpegsNativelyFromTheShadedJar() throws Exception {
        server = ServerProcess.start(dir.resolve("tmp"), List.of("-Dorg.bytedeco.javacpp.cachedir=" + dir.resolve("cache")),
                List.of("--server.port=0", "--folder.watch=false", "--folder.path=" + dir.resolve("birds"),
                        "--notify=log", "--sightings.store=memory"));

        server.awaitPort();

        assertThat(server.output()).anyMatch(line -> line.contains("JPEG photos are decoded with OpenCV"));
    }
}
