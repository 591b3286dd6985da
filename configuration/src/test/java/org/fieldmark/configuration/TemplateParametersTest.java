package org.fieldmark.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/template.yaml sets the functions' variables from its parameters: each parameter behind a
 * variable offers the declared default, only declared choices, and bounds inside the declared ones.
 */
class TemplateParametersTest {

    /** Where the template's default differs on purpose from the declaration's. */
    private static final Map<String, String> DELIBERATE = Map.of(
            "LABELS", "the template deploys INFERENCE=sagemaker, whose auto catalog is workshop-4");

    private static Map<String, Object> template;

    @BeforeAll
    static void parse() throws IOException {
        template = map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Path.of("..", "deploy", "template.yaml"), StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> variables(String function) {
        return map(map(map(map(map(template.get("Resources")).get(function)).get("Properties"))
                .get("Environment")).get("Variables"));
    }

    private static Optional<Setting> declared(String variable) {
        return Options.of(Runtimes.LAMBDA).stream().filter(s -> s.lambdaEnv().equals(variable)).findFirst();
    }

    @Test
    void setsOnlyDeclaredVariables() {
        for (String function : List.of("IdentifyFunction", "DigestFunction")) {
            for (String variable : variables(function).keySet()) {
                if (!variable.equals("JAVA_TOOL_OPTIONS")) {
                    assertThat(declared(variable)).as(function + " sets " + variable).isPresent();
                }
            }
        }
    }

    @Test
    void offersTheDeclaredDefaultsChoicesAndBounds() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        int checked = 0;
        for (Map.Entry<String, Object> variable : variables("IdentifyFunction").entrySet()) {
            if (!(variable.getValue() instanceof Map<?, ?> ref) || !(ref.get("Ref") instanceof String name)
                    || !parameters.containsKey(name)) {
                continue;
            }
            Setting setting = declared(variable.getKey()).orElseThrow();
            Map<String, Object> parameter = map(parameters.get(name));
            Object offered = parameter.get("Default");
            String declaredDefault = setting.defaultValue(Runtimes.LAMBDA);
            if (offered != null && !DELIBERATE.containsKey(variable.getKey())) {
                assertThat(String.valueOf(offered)).as(name + " for " + variable.getKey())
                        .isEqualTo(declaredDefault == null ? "" : declaredDefault);
            }
            if (parameter.get("AllowedValues") instanceof List<?> allowed && setting.type() == Setting.Type.CHOICE) {
                assertThat(setting.choices()).as(name).containsAll(allowed.stream().map(String::valueOf).toList());
            }
            if (parameter.get("MinValue") instanceof Number min) {
                assertThat(min.doubleValue()).as(name + " MinValue").isGreaterThanOrEqualTo(setting.min());
            }
            if (parameter.get("MaxValue") instanceof Number max) {
                assertThat(max.doubleValue()).as(name + " MaxValue").isLessThanOrEqualTo(setting.max());
            }
            checked++;
        }
        assertThat(checked).as("variables set from a parameter").isGreaterThanOrEqualTo(12);
    }
}
