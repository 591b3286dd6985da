package org.fieldmark.configuration;

import java.util.StringJoiner;

/**
 * The README's option tables, written from the declarations: one for the server (name, variable,
 * default, meaning) and one for the Lambda functions (variable, default, meaning). A test keeps the
 * README's copy between its {@code <!-- options:... -->} markers equal to these.
 */
public final class OptionTables {

    private OptionTables() {
    }

    /** The marker that opens {@code runtime}'s table in the README; {@code <!-- /options:... -->} closes it. */
    public static String marker(Runtimes runtime) {
        return "<!-- options:" + runtime.name().toLowerCase(java.util.Locale.ROOT) + " -->";
    }

    /** {@code runtime}'s table in Markdown, one row per option it reads, in declaration order. */
    public static String markdown(Runtimes runtime) {
        StringJoiner table = new StringJoiner("\n", "", "\n");
        if (runtime == Runtimes.SERVER) {
            table.add("| Option (file / `--flag`) | Environment variable | Default | Meaning |");
            table.add("|---|---|---|---|");
        } else {
            table.add("| Variable | Default | Meaning |");
            table.add("|---|---|---|");
        }
        for (Setting setting : Options.of(runtime)) {
            String value = setting.defaultValue(runtime);
            String shown = value == null ? "—" : value.isEmpty() ? "(empty)" : "`" + value + "`";
            String doc = setting.doc().replace("|", "\\|");
            table.add(runtime == Runtimes.SERVER
                    ? "| `" + setting.name() + "` | `" + setting.env() + "` | " + shown + " | " + doc + " |"
                    : "| `" + setting.lambdaEnv() + "` | " + shown + " | " + doc + " |");
        }
        return table.toString();
    }

    /** {@code readme} with both tables between their markers replaced by the generated ones. */
    public static String update(String readme) {
        String updated = readme;
        for (Runtimes runtime : new Runtimes[] {Runtimes.SERVER, Runtimes.LAMBDA}) {
            String open = marker(runtime);
            String close = open.replace("<!-- ", "<!-- /");
            int start = updated.indexOf(open);
            int end = updated.indexOf(close);
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("the README has no " + open + " ... " + close + " block");
            }
            updated = updated.substring(0, start + open.length()) + "\n" + markdown(runtime)
                    + updated.substring(end);
        }
        return updated;
    }
}
