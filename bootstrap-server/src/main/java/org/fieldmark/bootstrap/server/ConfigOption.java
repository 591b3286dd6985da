package org.fieldmark.bootstrap.server;

import java.util.Locale;

/**
 * One setting of the server: its dotted name (as in the config file and as {@code --name=value}),
 * the environment variable that overrides it, its default and a one-line help.
 *
 * @param name         dotted name, e.g. {@code server.port}
 * @param env          environment variable, e.g. {@code FIELDMARK_SERVER_PORT}
 * @param defaultValue default as text, or {@code null} when there is none
 * @param help         what it does, for {@code --help}
 */
record ConfigOption(String name, String env, String defaultValue, String help) {

    static ConfigOption of(String name, String defaultValue, String help) {
        return new ConfigOption(name, envName(name), defaultValue, help);
    }

    /** An option that the original workshop Lambda's variable also sets. */
    static ConfigOption withEnv(String name, String env, String defaultValue, String help) {
        return new ConfigOption(name, env, defaultValue, help);
    }

    static String envName(String name) {
        return "FIELDMARK_" + name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
