package org.fieldmark.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One declaration, read by both runtimes, each problem in the runtime's own words. */
class ValuesTest {

    private static List<String> problems(Problems problems) {
        List<String> found = new ArrayList<>();
        try {
            problems.throwIfAny();
        } catch (ConfigurationInvalidException e) {
            found.addAll(e.problems());
        }
        return found;
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "identification.top-k|0|identification.top-k must be between 1 and 10000, got 0|TOP_K is '0'; set it to "
                    + "a whole number of at least 1, e.g. 2",
            "identification.threshold|high|identification.threshold must be a number, got 'high'|CERTAINTY_THRESHOLD "
                    + "is 'high'; set it to a number between 0 and 1, e.g. 0.70",
            "identification.notify-no-bird|yes|identification.notify-no-bird must be true or false, got 'yes'|"
                    + "NOTIFY_WHEN_NO_BIRD is 'yes'; set it to true or false",
            "aws.endpoint|localhost:4566|aws.endpoint must be a URL such as http://127.0.0.1:9000, got "
                    + "'localhost:4566'|AWS_ENDPOINT_URL is 'localhost:4566'; set it to an http(s) URL such as "
                    + "http://127.0.0.1:4566, or unset it"})
    void readsOneDeclarationInEitherRuntimesWords(String name, String value, String server, String lambda) {
        Setting setting = Options.named(name).orElseThrow();
        Problems serverProblems = new Problems();
        Problems lambdaProblems = new Problems();
        Values onServer = Values.server(Map.of(name, value), serverProblems);
        Values inLambda = Values.lambda(Map.of(setting.lambdaEnv(), value), lambdaProblems);

        for (Values values : List.of(onServer, inLambda)) {
            switch (setting.type()) {
                case WHOLE -> values.whole(setting);
                case DECIMAL -> values.decimal(setting);
                case FLAG -> values.flag(setting);
                default -> values.url(setting);
            }
        }

        assertThat(problems(serverProblems)).containsExactly(server);
        assertThat(problems(lambdaProblems)).containsExactly(lambda);
    }

    @Test
    void takesEachRuntimesDefaultAndTheLambdasBlankVariableAsUnset() {
        Problems problems = new Problems();
        Values server = Values.server(Map.of(), problems);
        Values lambda = Values.lambda(Map.of("INFERENCE", " ", "S3_KEY_PREFIX", ""), problems);

        assertThat(server.choice(IdentifyOptions.INFERENCE)).isEqualTo("embedded");
        assertThat(lambda.choice(IdentifyOptions.INFERENCE)).isEqualTo("sagemaker");
        assertThat(lambda.verbatim(IdentifyOptions.KEY_PREFIX)).as("an empty filter is a filter").isEmpty();
        assertThat(lambda.durationOrNone(IdentifyOptions.PRESIGN_TTL)).isNull();
        assertThat(lambda.duration(IdentifyOptions.TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void readsAServerListOfChoicesNamingEveryBadItem() {
        Problems problems = new Problems();

        List<String> kinds = Values.server(Map.of("notify", " log , mqtt,pager,,LOG"), problems)
                .choices(NotifyOptions.NOTIFY);

        assertThat(kinds).containsExactly("log", "mqtt");
        assertThat(problems(problems)).containsExactly(
                "notify must be one or more of log, sns, webhook, mqtt, got 'pager'",
                "notify has an empty item in 'log , mqtt,pager,,LOG'; write e.g. log,mqtt",
                "notify names LOG twice in 'log , mqtt,pager,,LOG'");
    }

    @Test
    void declaresEveryOptionOnceWithAVariableForEachRuntimeThatReadsIt() {
        Set<String> serverVariables = new java.util.HashSet<>();
        Set<String> lambdaVariables = new java.util.HashSet<>();
        for (Setting setting : Options.ALL) {
            if (setting.runtimes().covers(Runtimes.SERVER)) {
                assertThat(serverVariables.add(setting.env())).as(setting.env()).isTrue();
            }
            if (setting.runtimes().covers(Runtimes.LAMBDA)) {
                assertThat(lambdaVariables.add(setting.lambdaEnv())).as(setting.lambdaEnv()).isTrue();
            }
            assertThat(setting.doc()).as(setting.name()).isNotBlank().doesNotContain("\n");
        }
        assertThat(Options.suggestion("server.prot", Runtimes.SERVER)).isEqualTo("; did you mean server.port?");
        assertThat(Options.suggestion("completely-else", Runtimes.SERVER)).isEqualTo("; see --help");
    }
}
