package org.fieldmark.bootstrap.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldmark.configuration.IdentifyOptions;
import org.fieldmark.configuration.Options;
import org.fieldmark.configuration.Runtimes;
import org.fieldmark.configuration.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code identify} subcommand's command line (picocli): its own options, the three short names of
 * the server's {@code --identification.top-k}, {@code --identification.threshold} and
 * {@code --locator.mode}, and the server's options that shape an identification (the model, the catalog,
 * the locate stage, AWS, and the bird log for {@code --record}) under the server's names. A usage error
 * is one sentence.
 */
final class IdentifyCommand {

    static final String NAME = "identify";

    /** The server options {@code identify} takes, by the start of their names. */
    private static final List<String> SETTINGS = List.of("identification.", "inference", "embedded.", "sagemaker.",
            "http-model.", "locator.", "aws.", "sightings.", "policy.");

    /** Short names of server options, as the server's API calls them, in the order of the help. */
    private static final Map<String, Setting> SHORT = shortNames();

    enum Format { TEXT, CSV, JSONL }

    enum Progress { AUTO, BAR, LINES, OFF }

    /**
     * What the command line asks for.
     *
     * @param paths         the PATH arguments
     * @param recursive     folders' subfolders too
     * @param format        how each photo is written
     * @param output        the output file, {@code null} for standard output
     * @param workers       photos identified at the same time
     * @param resume        skip the photos the output file holds
     * @param record        write sightings into the bird log
     * @param progress      how progress is shown
     * @param progressEvery seconds between progress lines (not on a terminal)
     * @param settings      the server options given, as {@code --name=value} arguments for its loader
     */
    record Request(List<String> paths, boolean recursive, Format format, String output, int workers, boolean resume,
                   boolean record, Progress progress, double progressEvery, List<String> settings) {
    }

    /** A command line that cannot be run; the message is the one line shown. */
    static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private IdentifyCommand() {
    }

    /** {@code true} when the arguments ask for help. */
    static boolean wantsHelp(String[] args) {
        return ServerCommandLine.wantsHelp(args);
    }

    /**
     * Reads the arguments.
     *
     * @throws UsageException saying what is wrong
     */
    static Request parse(String[] args, int cores) {
        ParseResult result;
        try {
            result = new CommandLine(spec()).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage().replace("\r", "").replace('\n', ' ').strip());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (OptionSpec option : result.matchedOptions()) {
            Setting shortFor = SHORT.get(option.longestName());
            String name = option.longestName();
            if (shortFor != null) {
                settings.put(shortFor.name(), option.getValue());
            } else if (name.equals(ServerCommandLine.CONFIG) || isSetting(name.substring(2))) {
                settings.put(name.substring(2), option.getValue());
            }
        }
        List<String> paths = result.hasMatchedPositional(0) ? result.matchedPositional(0).getValue() : List.of();
        if (paths.isEmpty()) {
            throw new UsageException("no PATH given; name photo files, folders or globs, e.g. identify ./photos");
        }
        Format format = choice(Format.class, result.matchedOptionValue("--format", "text"), "--format");
        Progress progress = choice(Progress.class, result.matchedOptionValue("--progress", "auto"), "--progress");
        int workers = whole(result.matchedOptionValue("--workers", Integer.toString(cores)), "--workers", 1, 1024);
        double every = decimal(result.matchedOptionValue("--progress-every", "10"), "--progress-every");
        String output = result.matchedOptionValue("--output", null);
        boolean resume = result.hasMatchedOption("--resume");
        if (resume && output == null) {
            throw new UsageException("--resume needs --output FILE: it skips the photos that file holds");
        }
        List<String> flags = new ArrayList<>();
        settings.forEach((name, value) -> flags.add("--" + name + "=" + value));
        return new Request(paths, result.hasMatchedOption("--recursive"), format, output, workers, resume,
                result.hasMatchedOption("--record"), progress, every, flags);
    }

    /** The subcommand's help: its options, then the server options it takes. */
    static String help() {
        StringWriter out = new StringWriter();
        new CommandLine(spec()).usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
        return out.toString();
    }

    /** The subcommand as the server's command lists it. */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name(NAME);
        spec.usageMessage().description("Identifies every photo in files, folders and globs, without a server: the "
                        + "workshop's message per photo, or CSV or JSON lines; progress on standard error.",
                        "Exit codes: 0 every photo identified; 1 some photos failed (listed at the end); 2 usage or "
                        + "configuration error; 3 the run could not finish (output not writable, model lost).")
                .customSynopsis("fieldmark identify [OPTIONS] PATH...")
                .sortOptions(false).width(120).longOptionsMaxWidth(60);
        spec.parser().expandAtFiles(false);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("PATH").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).description("photo files, folders or globs ('photos/**/*.jpg')").build());
        own(spec, "--recursive", null, "also the photos in folders' subfolders", "-r");
        own(spec, "--format", "text|csv|jsonl", "text: the workshop's message per photo (default); csv; jsonl");
        own(spec, "--output", "FILE", "write there instead of standard output", "-o");
        own(spec, "--workers", "N", "photos identified at the same time (default: the cores)");
        own(spec, "--resume", null, "skip the photos --output FILE holds already; append the others");
        own(spec, "--record", null, "record sightings in the bird log (sightings.path), at the photo's EXIF time, "
                + "else its file time; nobody is notified");
        own(spec, "--progress", "auto|bar|lines|off", "auto: a bar on a terminal, else lines (standard error)");
        own(spec, "--progress-every", "SECONDS", "seconds between progress lines (default 10)");
        for (Map.Entry<String, Setting> alias : SHORT.entrySet()) {
            own(spec, alias.getKey(), defaultOf(alias.getValue()), "--" + alias.getValue().name() + ": "
                    + alias.getValue().doc());
        }
        for (Setting setting : Options.of(Runtimes.SERVER)) {
            if (isSetting(setting.name())) {
                spec.addOption(OptionSpec.builder("--" + setting.name()).arity("1").type(String.class)
                        .paramLabel(defaultOf(setting)).description(setting.doc(), "env " + setting.env()).build());
            }
        }
        own(spec, ServerCommandLine.CONFIG, "FILE", "settings file, JSON or YAML (env "
                + ServerConfigLoader.CONFIG_ENV + ")");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this text").build());
        return spec;
    }

    private static Map<String, Setting> shortNames() {
        Map<String, Setting> names = new LinkedHashMap<>();
        names.put("--top-k", IdentifyOptions.TOP_K);
        names.put("--threshold", IdentifyOptions.THRESHOLD);
        names.put("--locator", IdentifyOptions.LOCATOR);
        return java.util.Collections.unmodifiableMap(names);
    }

    private static void own(CommandSpec spec, String name, String label, String doc, String... aliases) {
        List<String> names = new ArrayList<>(List.of(aliases));
        names.add(name);
        OptionSpec.Builder option = OptionSpec.builder(names.toArray(String[]::new)).description(doc);
        if (label == null) {
            option.arity("0");
        } else {
            option.arity("1").type(String.class).paramLabel(label);
        }
        spec.addOption(option.build());
    }

    private static String defaultOf(Setting setting) {
        String value = setting.defaultValue(Runtimes.SERVER);
        return value != null ? value : "<" + setting.type().name().toLowerCase(Locale.ROOT) + ">";
    }

    private static boolean isSetting(String name) {
        return SETTINGS.stream().anyMatch(name::startsWith);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " must be one of " + String.join(", ", java.util.Arrays
                    .stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList())
                    + ", got '" + value + "'");
        }
    }

    private static int whole(String value, String option, int min, int max) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(option + " must be a whole number from " + min + " to " + max + ", got '" + value
                + "'");
    }

    private static double decimal(String value, String option) {
        try {
            double number = Double.parseDouble(value.strip());
            if (number >= 0 && number <= 86_400) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(option + " must be a number of seconds from 0 to 86400, got '" + value + "'");
    }
}
