package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.configuration.Options;
import org.fieldmark.configuration.Runtimes;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.configuration.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigLoaderTest {

    private final Map<String, String> files = new HashMap<>();

    private ServerConfigLoader loader(Map<String, String> env) {
        return new ServerConfigLoader(env, path -> {
            String text = files.get(path.toString());
            if (text == null) {
                throw new IllegalArgumentException("no such file " + path);
            }
            return text;
        });
    }

    @Test
    void startsOnTheEmbeddedDefaults() {
        ServerConfig config = loader(Map.of()).load(new String[0]);

        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().apiKey()).isNull();
        assertThat(config.http().maxBodyBytes()).isEqualTo(6L * 1024 * 1024);
        assertThat(config.storage().kind()).isEqualTo(ServerConfig.StorageKind.FOLDER);
        assertThat(config.storage().folder()).isEqualTo(Path.of("./birds"));
        assertThat(config.storage().stateFile()).isEqualTo(Path.of("./birds/.fieldmark-state"));
        assertThat(config.storage().watch()).isTrue();
        assertThat(config.storage().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.storage().stabilityDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.inference().kind()).isEqualTo(ServerConfig.InferenceKind.EMBEDDED);
        assertThat(config.identification().labels()).isEqualTo("inat-birds");
        assertThat(config.identification().threshold()).isEqualTo(0.70);
        assertThat(config.identification().topK()).isEqualTo(2);
        assertThat(config.notification().kinds()).containsExactly(ServerConfig.NotifyKind.LOG);
        assertThat(config.sightings().store()).isEqualTo(ServerConfig.SightingsStore.SQLITE);
        assertThat(config.sightings().path()).isEqualTo(Path.of("./data/fieldmark.db"));
    }

    @Test
    void keepsTheBirdLogWhereItIsToldOrInMemory() {
        ServerConfig config = loader(Map.of("FIELDMARK_SIGHTINGS_PATH", "/var/lib/fieldmark/log.db"))
                .load(new String[] {"--sightings.store=memory"});

        assertThat(config.sightings()).isEqualTo(new ServerConfig.Sightings(ServerConfig.SightingsStore.MEMORY,
                Path.of("/var/lib/fieldmark/log.db")));
        assertThatThrownBy(() -> loader(Map.of()).load(new String[] {"--sightings.store=postgres"}))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .containsExactly("sightings.store must be one of sqlite, memory, got 'postgres'"));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() {
        files.put("fieldmark.yaml", "server:\n  port: 9000\n  workers: 3\nidentification:\n  top-k: 3\n  threshold: 0.5\n");
        Map<String, String> env = Map.of("FIELDMARK_CONFIG", "fieldmark.yaml", "FIELDMARK_SERVER_PORT", "9100",
                "FIELDMARK_IDENTIFICATION_TOP_K", "4");

        ServerConfig config = loader(env).load(new String[] {"--server.port=9200"});

        assertThat(config.http().port()).isEqualTo(9200);
        assertThat(config.identification().topK()).isEqualTo(4);
        assertThat(config.identification().threshold()).isEqualTo(0.5);
        assertThat(config.http().workers()).isEqualTo(3);
    }

    @Test
    void readsJsonFilesGivenByFlagAndSpaceSeparatedValues() {
        files.put("conf.json", "{\"notify\": \"webhook\", \"webhook\": {\"url\": \"https://example.org/hook\","
                + " \"secret\": \"s3cret\"}, \"folder\": {\"path\": \"/srv/birds\"}}");

        ServerConfig config = loader(Map.of()).load(new String[] {"--config", "conf.json", "--server.host", "0.0.0.0"});

        assertThat(config.notification().kinds()).containsExactly(ServerConfig.NotifyKind.WEBHOOK);
        assertThat(config.notification().webhookUrl()).isEqualTo("https://example.org/hook");
        assertThat(config.notification().webhookSecret()).isEqualTo("s3cret");
        assertThat(config.storage().stateFile()).isEqualTo(Path.of("/srv/birds/.fieldmark-state"));
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void honoursTheWorkshopLambdasVariableNames() {
        ServerConfig config = loader(Map.of("SAGEMAKER_ENDPOINT_NAME", "nabirds-species-identifier",
                "SNS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:birds"))
                .load(new String[] {"--inference=sagemaker", "--notify=sns", "--storage=s3", "--s3.bucket=feeder"});

        assertThat(config.inference().sagemakerEndpoint()).isEqualTo("nabirds-species-identifier");
        assertThat(config.notification().snsTopicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:birds");
        assertThat(config.identification().labels()).isEqualTo("workshop-4");
    }

    @Test
    void listsEveryProblemAtOnce() {
        assertThatThrownBy(() -> loader(Map.of("FIELDMARK_SERVER_PORT", "eighty")).load(new String[] {
                "--identification.threshold=1.5", "--notify=sns", "--inference=sagemaker", "--storage=ftp",
                "--server.prot=1", "--identification.top-k=0", "stray", "--folder.watch=maybe"}))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "argument 'stray' is not an option; write --name=value (see --help)",
                                "unknown option --server.prot; did you mean server.port?",
                                "server.port must be a whole number, got 'eighty'",
                                "identification.threshold must be between 0.0 and 1.0, got 1.5",
                                "identification.top-k must be between 1 and 10000, got 0",
                                "storage must be one of folder, s3, url, got 'ftp'",
                                "folder.watch must be true or false, got 'maybe'",
                                "sagemaker.endpoint is not set but inference=sagemaker needs it; set it (env "
                                        + "SAGEMAKER_ENDPOINT_NAME or --sagemaker.endpoint=...) to the SageMaker "
                                        + "endpoint name",
                                "sns.topic-arn is not set but notify=sns needs it; set it (env SNS_TOPIC_ARN or "
                                        + "--sns.topic-arn=...) to the topic ARN that should receive identifications"));
    }

    @Test
    void readsSeveralNotifiersAndTheMqttOptions() {
        ServerConfig config = loader(Map.of("FIELDMARK_MQTT_PASSWORD", "s3cret")).load(new String[] {
                "--notify= log , mqtt", "--mqtt.url=mqtts://broker.lan", "--mqtt.username=feeder",
                "--mqtt.topic-prefix=home/birds", "--mqtt.ca-file=/etc/ca.pem", "--mqtt.publish-timeout-ms=2500"});

        assertThat(config.notification().kinds())
                .containsExactly(ServerConfig.NotifyKind.LOG, ServerConfig.NotifyKind.MQTT);
        ServerConfig.Mqtt mqtt = config.notification().mqtt();
        assertThat(mqtt.url()).isEqualTo("mqtts://broker.lan");
        assertThat(mqtt.username()).isEqualTo("feeder");
        assertThat(mqtt.password()).isEqualTo("s3cret");
        assertThat(mqtt.clientId()).isEqualTo("fieldmark");
        assertThat(mqtt.topicPrefix()).isEqualTo("home/birds");
        assertThat(mqtt.discoveryPrefix()).isEqualTo("homeassistant");
        assertThat(mqtt.discovery()).isTrue();
        assertThat(mqtt.caFile()).isEqualTo("/etc/ca.pem");
        assertThat(mqtt.publishTimeout()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(mqtt.toString()).doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "notify={0}")
    @CsvSource(delimiter = '|', value = {
            "log,pager|notify must be one or more of log, sns, webhook, mqtt, got 'pager'",
            "log,,mqtt|notify has an empty item in 'log,,mqtt'; write e.g. log,mqtt",
            "log,LOG|notify names LOG twice in 'log,LOG'",
            "mqtt|mqtt.url is not set but notify=mqtt needs it; set it (env FIELDMARK_MQTT_URL or --mqtt.url=...) "
                    + "to the broker's URL, e.g. mqtt://127.0.0.1:1883",
            "log,webhook|webhook.url is not set but notify=webhook needs it"})
    void explainsBadNotifierLists(String notify, String problem) {
        assertThatThrownBy(() -> loader(Map.of()).load(new String[] {"--notify=" + notify}))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class,
                        e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(problem)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad.json|{\"server\": |config file bad.json is not valid JSON",
            "bad.yaml|server: [1, 2|config file bad.yaml is not valid YAML",
            "list.yaml|- a\\n- b|config file list.yaml must hold a mapping of settings",
            "typo.yaml|server:\\n  prot: 1|config file typo.yaml has unknown setting 'server.prot'; did you mean server.port?"})
    void explainsBadConfigFiles(String name, String content, String problem) {
        files.put(name, content.replace("\\n", "\n"));

        assertThatThrownBy(() -> loader(Map.of()).load(new String[] {"--config=" + name}))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class,
                        e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(problem)));
    }

    @Test
    void reportsAMissingConfigFile() {
        assertThatThrownBy(() -> loader(Map.of()).load(new String[] {"--config=nowhere.yaml"}))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .containsExactly("config file nowhere.yaml cannot be read: no such file nowhere.yaml"));
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariableAndDefault() {
        String help = ServerConfigLoader.help();

        for (Setting option : Options.of(Runtimes.SERVER)) {
            String defaultValue = option.defaultValue(Runtimes.SERVER);
            assertThat(help).contains("--" + option.name() + "=" + (defaultValue == null ? "" : defaultValue))
                    .contains("env " + option.env());
        }
        assertThat(ServerConfigLoader.wantsHelp(new String[] {"--port=1", "--help"})).isTrue();
        assertThat(ServerConfigLoader.wantsHelp(new String[] {"--server.port=1"})).isFalse();
    }
}
