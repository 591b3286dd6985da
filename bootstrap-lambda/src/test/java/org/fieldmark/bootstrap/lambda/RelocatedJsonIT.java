package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployable jar's JSON code runs on the AWS SDK's copy of Jackson (the shade plugin relocates
 * it there, and leaves jackson-core out), a newer release than the one the code is built and unit
 * tested with. So the model-answer table runs again here, against the classes as the jar holds
 * them: every accepted shape reads the same, every unusable answer says the same, and the JSON
 * writer's bytes do not change. From bytes too: the common shapes are split into FastDoubleParser,
 * which the jar must hold.
 */
class RelocatedJsonIT {

    private static URLClassLoader jar;
    private static Method parse;
    private static Method parseBytes;
    private static Method write;

    @BeforeAll
    static void loadTheJarAlone() throws Exception {
        String path = System.getProperty("fieldmark.lambda.jar");
        assumeTrue(path != null, "runs in the integration-test phase, after package built the shaded jar");
        jar = new URLClassLoader(new URL[] {Path.of(path).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        parse = jar.loadClass("org.fieldmark.wire.json.ModelOutputJson").getMethod("parse", String.class);
        parseBytes = parse.getDeclaringClass().getMethod("parse", byte[].class);
        write = jar.loadClass("org.fieldmark.wire.json.JsonText").getMethod("of", Object.class);
    }

    @AfterAll
    static void close() throws Exception {
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void theReaderRunsOnTheSdksJackson() {
        assertThat(parse.getDeclaringClass().getClassLoader()).isSameAs(jar);
        assertThat(jar.getResource("com/fasterxml/jackson/core/JsonParser.class")).isNull();
        assertThat(jar.getResource("software/amazon/awssdk/thirdparty/jackson/core/JsonParser.class")).isNotNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("org.fieldmark.wire.json.testing.ModelOutputCases#acceptedShapes")
    void readsTheAcceptedShapes(String shape, String json, double[] expected) throws Exception {
        assertThat((double[]) parse.invoke(null, json)).containsExactly(expected);
        assertThat((double[]) parseBytes.invoke(null, (Object) json.getBytes(StandardCharsets.UTF_8))).containsExactly(expected);
    }

    @Test
    void splitsTheCommonShapeIntoTheJarsFastDoubleParser() throws Exception {
        assertThat((double[]) parseBytes.invoke(null, (Object) "[0.0012345678918063641, 1e-7, -0]".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(0.0012345678918063641, 1e-7, -0.0);
        assertThat(jar.getResource("ch/randelshofer/fastdoubleparser/JsonDoubleParser.class")).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.fieldmark.wire.json.testing.ModelOutputCases#unusableOutputs")
    void rejectsAnUnusableOutputInTheSameWords(String json, String problem) {
        Throwable thrown = thrownBy(parse, json);
        assertThat(thrown).isNotNull();
        assertThat(thrown.getClass().getName()).isEqualTo("org.fieldmark.domain.ModelOutputException");
        assertThat(thrown.getMessage()).startsWith("model output is not a usable JSON probability vector: ")
                .contains(problem).endsWith("; output starts: " + json);
        assertThat(thrownBy(parseBytes, json.getBytes(StandardCharsets.UTF_8))).hasMessage(thrown.getMessage());
    }

    private static Throwable thrownBy(Method method, Object json) {
        try {
            method.invoke(null, json);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writesTheSameBytes() throws Exception {
        assertThat(write.invoke(null, "a\"b\\c\nd\u0001e\u2028f é")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001e\\u2028f é\"");
        assertThat(write.invoke(null, java.util.List.of(0.94, 1L, true))).isEqualTo("[0.94,1,true]");
    }
}
