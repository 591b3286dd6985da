package org.fieldmark.configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every option of both runtimes, each declared once in {@link IdentifyOptions}, {@link NotifyOptions},
 * {@link PhotoOptions}, {@link ServeOptions} or {@link FrigateOptions}.
 */
public final class Options {

    /** Every option, in the order of {@code --help} and the README's tables. */
    public static final List<Setting> ALL = all();

    private static final Map<String, Setting> BY_NAME = byName();

    private Options() {
    }

    /** The options {@code runtime} reads, in order. */
    public static List<Setting> of(Runtimes runtime) {
        // Loops, not streams: this runs in the Lambda's init.
        List<Setting> read = new ArrayList<>();
        for (Setting setting : ALL) {
            if (setting.runtimes().covers(runtime)) {
                read.add(setting);
            }
        }
        return List.copyOf(read);
    }

    /** The option called {@code name} (dotted). */
    public static Optional<Setting> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every environment variable the Lambda functions read. */
    public static List<String> lambdaVariables() {
        List<String> variables = new ArrayList<>();
        for (Setting setting : of(Runtimes.LAMBDA)) {
            variables.add(setting.lambdaEnv());
        }
        return List.copyOf(variables);
    }

    /**
     * {@code "; did you mean server.port?"} for a name one to three edits from an option the runtime
     * reads, else {@code "; see --help"}.
     */
    public static String suggestion(String unknown, Runtimes runtime) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting setting : of(runtime)) {
            int distance = distance(unknown, setting.name());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = setting.name();
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean " + best + "?" : "; see --help";
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static List<Setting> all() {
        List<Setting> all = new ArrayList<>(IdentifyOptions.ALL);
        all.addAll(NotifyOptions.ALL);
        all.addAll(PhotoOptions.ALL);
        all.addAll(ServeOptions.ALL);
        all.addAll(FrigateOptions.ALL);
        return List.copyOf(all);
    }

    private static Map<String, Setting> byName() {
        Map<String, Setting> map = new LinkedHashMap<>();
        for (Setting setting : ALL) {
            if (map.put(setting.name(), setting) != null) {
                throw new IllegalStateException("option " + setting.name() + " is declared twice");
            }
        }
        return map;
    }
}
