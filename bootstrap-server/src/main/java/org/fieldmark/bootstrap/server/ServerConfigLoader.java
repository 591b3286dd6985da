package org.fieldmark.bootstrap.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.configuration.Options;
import org.fieldmark.configuration.Problems;
import org.fieldmark.configuration.Runtimes;
import org.fieldmark.configuration.ServerBinder;
import org.fieldmark.configuration.ServeConfig;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.configuration.Setting;
import org.fieldmark.configuration.Values;

/**
 * Reads the server's settings from, in rising precedence: the declared defaults, a config file (JSON
 * or YAML, given by {@code --config} or {@code FIELDMARK_CONFIG}), environment variables, and
 * {@code --name=value} flags; the configuration module's declarations say what each means. Every
 * problem is collected and reported at once.
 */
final class ServerConfigLoader {

    static final String CONFIG_ENV = "FIELDMARK_CONFIG";

    private final Map<String, String> env;
    private final Function<Path, String> files;

    ServerConfigLoader(Map<String, String> env, Function<Path, String> files) {
        this.env = env;
        this.files = files;
    }

    /** Reads real files. */
    static ServerConfigLoader withEnvironment(Map<String, String> env) {
        return new ServerConfigLoader(env, path -> {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    /** {@code true} when the arguments ask for help rather than a server. */
    static boolean wantsHelp(String[] args) {
        return ServerCommandLine.wantsHelp(args);
    }

    /** Every option with its environment variable, default and meaning. */
    static String help() {
        return ServerCommandLine.help();
    }

    /**
     * Reads every source and checks every value.
     *
     * @throws ConfigurationInvalidException listing every problem found
     */
    ServerConfig load(String[] args) {
        Problems problems = new Problems();
        ServerConfig config = ServerBinder.bind(read(args, problems));
        problems.throwIfAny();
        return config;
    }

    /** What {@code fieldmark serve} reads: the server's configuration and its own, from the same sources. */
    record Serving(ServerConfig server, ServeConfig serve) {
    }

    /**
     * Reads every source and checks every value, the serve options included.
     *
     * @throws ConfigurationInvalidException listing every problem found
     */
    Serving loadServing(String[] args) {
        Problems problems = new Problems();
        Values values = read(args, problems);
        Serving serving = new Serving(ServerBinder.bind(values), ServeConfig.bind(values));
        problems.throwIfAny();
        return serving;
    }

    private Values read(String[] args, Problems problems) {
        Map<String, String> flags = ServerCommandLine.parse(args, problems);
        Map<String, String> values = new LinkedHashMap<>();
        String configFile = Optional.ofNullable(flags.remove("config")).orElse(env.get(CONFIG_ENV));
        if (configFile != null && !configFile.isBlank()) {
            values.putAll(file(Path.of(configFile), problems));
        }
        for (Setting setting : Options.of(Runtimes.SERVER)) {
            String fromEnv = env.get(setting.env());
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(setting.name(), fromEnv);
            }
        }
        values.putAll(flags);
        return Values.server(values, problems);
    }

    private Map<String, String> file(Path path, Problems problems) {
        String text;
        try {
            text = files.apply(path);
        } catch (RuntimeException e) {
            problems.add("config file " + path + " cannot be read: " + e.getMessage());
            return Map.of();
        }
        return ConfigFile.read(path, text, problems);
    }
}
