package org.fieldmark.bootstrap.server;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fieldmark.configuration.Options;
import org.fieldmark.configuration.Problems;
import org.fieldmark.configuration.Runtimes;
import org.fieldmark.configuration.Setting;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** A settings file, JSON or YAML, nested ({@code server: {port: 9000}}) or dotted, read into values by dotted name. */
final class ConfigFile {

    private ConfigFile() {
    }

    /** The known settings in {@code text}; unknown ones and syntax errors are noted. */
    static Map<String, String> read(Path path, String text, Problems problems) {
        Map<String, Object> tree;
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".json")) {
                tree = new JsonObject(text).getMap();
            } else {
                Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
                if (loaded == null) {
                    return Map.of();
                }
                if (!(loaded instanceof Map<?, ?> map)) {
                    problems.add("config file " + path + " must hold a mapping of settings, not " + loaded);
                    return Map.of();
                }
                tree = new LinkedHashMap<>();
                map.forEach((k, v) -> tree.put(String.valueOf(k), v));
            }
        } catch (DecodeException | YAMLException e) {
            problems.add("config file " + path + " is not valid " + (name.endsWith(".json") ? "JSON" : "YAML")
                    + ": " + e.getMessage().lines().findFirst().orElse(""));
            return Map.of();
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        Map<String, String> known = new LinkedHashMap<>();
        flat.forEach((key, value) -> {
            if (server(key)) {
                known.put(key, value);
            } else {
                problems.add("config file " + path + " has unknown setting '" + key + "'"
                        + Options.suggestion(key, Runtimes.SERVER));
            }
        });
        return known;
    }

    private static boolean server(String name) {
        return Options.named(name).map(Setting::runtimes).filter(r -> r.covers(Runtimes.SERVER)).isPresent();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> out) {
        tree.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested && !server(name)) {
                flatten(name, (Map<String, Object>) nested, out);
            } else if (value instanceof JsonObject json) {
                flatten(name, json.getMap(), out);
            } else {
                out.put(name, value == null ? "" : String.valueOf(value));
            }
        });
    }
}
