package org.fieldmark.bootstrap.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldmark.configuration.Options;
import org.fieldmark.configuration.Problems;
import org.fieldmark.configuration.Runtimes;
import org.fieldmark.configuration.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The server's command line, made by picocli from the option declarations: {@code --name=value} or
 * {@code --name value} for every server option, {@code --config FILE} and {@code --help}. Problems
 * are collected, not thrown, so they are reported with those of the other sources.
 */
final class ServerCommandLine {

    static final String CONFIG = "--config";

    private ServerCommandLine() {
    }

    /** The flags given, by dotted name ({@code config} for the file); problems are noted. */
    static Map<String, String> parse(String[] args, Problems problems) {
        CommandLine line = new CommandLine(spec());
        ParseResult result = line.parseArgs(args);
        Map<String, String> flags = new LinkedHashMap<>();
        for (OptionSpec option : result.matchedOptions()) {
            if (!option.usageHelp()) {
                flags.put(option.longestName().substring(2), option.getValue());
            }
        }
        for (Exception error : result.errors()) {
            if (error instanceof CommandLine.MissingParameterException missing) {
                for (var arg : missing.getMissing()) {
                    String name = ((OptionSpec) arg).longestName();
                    problems.add("option " + name + " has no value; write " + name + "=value");
                }
            } else if (!(error instanceof CommandLine.UnmatchedArgumentException)) {
                problems.add(error.getMessage());
            }
        }
        unmatched(result.unmatched(), problems);
        return flags;
    }

    /** {@code true} when the arguments ask for help rather than a server. */
    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** Every option with its default, meaning and environment variable, as picocli lays them out. */
    static String help() {
        StringWriter out = new StringWriter();
        new CommandLine(spec()).usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
        return out.toString();
    }

    private static void unmatched(List<String> args, Problems problems) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                problems.add("argument '" + arg + "' is not an option; write --name=value (see --help)");
                continue;
            }
            String name = arg.substring(2).split("=", 2)[0];
            if (!arg.contains("=") && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                i++; // its value
            }
            problems.add("unknown option --" + name + Options.suggestion(name, Runtimes.SERVER));
        }
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("fieldmark-server");
        spec.usageMessage()
                .description("Identifies birds in photos and tells people.",
                        "Precedence: --flags > environment > config file (JSON or YAML) > defaults.")
                .customSynopsis("fieldmark-server [--config FILE] [--name=value ...]",
                        "fieldmark-server identify [OPTIONS] PATH...   (see identify --help)",
                        "fieldmark-server serve [--name=value ...]      the model alone: Open Inference Protocol v2 "
                                + "(/v2) and SageMaker's /ping, /invocations")
                .optionListHeading("%nOptions, each with its default (or the kind of value it takes) and its "
                        + "environment variable:%n")
                .sortOptions(false).width(120).longOptionsMaxWidth(60);
        spec.parser().collectErrors(true).unmatchedArgumentsAllowed(true).overwrittenOptionsAllowed(true)
                .expandAtFiles(false).unmatchedOptionsArePositionalParams(false);
        for (Setting setting : Options.of(Runtimes.SERVER)) {
            String defaultValue = setting.defaultValue(Runtimes.SERVER);
            spec.addOption(OptionSpec.builder("--" + setting.name()).arity("1").type(String.class)
                    .paramLabel(defaultValue != null ? defaultValue
                            : "<" + setting.type().name().toLowerCase(Locale.ROOT) + ">")
                    .description(setting.doc(), "env " + setting.env()).build());
        }
        spec.addOption(OptionSpec.builder(CONFIG).arity("1").type(String.class).paramLabel("FILE")
                .description("settings file, JSON or YAML", "env " + ServerConfigLoader.CONFIG_ENV).build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this text").build());
        spec.addSubcommand(IdentifyCommand.NAME, IdentifyCommand.spec());
        return spec;
    }
}
