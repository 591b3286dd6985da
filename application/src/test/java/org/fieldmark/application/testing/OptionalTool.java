package org.fieldmark.application.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A program from the machine that some tests drive (Debian's mosquitto, Chromium and its
 * chromedriver) and that {@code ./mvnw verify} must not need: where it is installed the tests
 * run; where it is missing they are skipped with one line naming the Debian packages to
 * install, except under CI, where a missing tool fails them, so CI keeps proving the real
 * thing. CI is {@code CI=true} in the environment (CI systems set it) or
 * {@code -Dfieldmark.require-tools=true}.
 *
 * <p>The one place that decides "skip or fail". A test class that needs the program registers it
 * as an extension ({@code @RegisterExtension static final OptionalTool CHROMIUM = ...}), which
 * disables the class, reported as skipped with the reason, where the program is missing outside
 * CI; and calls {@link #require()} where it starts the program, which fails under CI.
 */
public final class OptionalTool implements ExecutionCondition {

    /** The system property that makes every optional tool required, as {@code CI=true} does. */
    public static final String REQUIRE_PROPERTY = "fieldmark.require-tools";

    private final String name;
    private final String packages;
    private final List<Path> locations;

    private OptionalTool(String name, String packages, List<Path> locations) {
        this.name = name;
        this.packages = packages;
        this.locations = locations;
    }

    /**
     * The program {@code name}, looked for at {@code locations} and then on the {@code PATH};
     * {@code packages} are the Debian packages that install it (all the test needs, e.g.
     * {@code chromium chromium-driver}).
     */
    public static OptionalTool of(String name, String packages, Path... locations) {
        return new OptionalTool(name, packages, List.of(locations));
    }

    /** Where the program is, if it is installed. */
    public Optional<Path> find() {
        List<Path> candidates = new ArrayList<>(locations);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    candidates.add(Path.of(entry, name));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Whether the program is installed. */
    public boolean installed() {
        return find().isPresent();
    }

    /**
     * The program's path; when it is missing, skips the calling test (a JUnit assumption) or,
     * under CI, fails it, in both cases saying what to install.
     */
    public Path require() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String install = "apt-get install -y " + packages;
        if (required()) {
            throw new AssertionError(name + " is not installed, and under CI (" + why() + ") the tests that need it "
                    + "must run: install it with '" + install + "' (.ci/run does this when it is missing)");
        }
        Assumptions.abort(skipReason());
        throw new AssertionError("unreachable");
    }

    /** Skips (disables) the test class that registered this tool where the tool is missing, except under CI. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (installed()) {
            return ConditionEvaluationResult.enabled(name + " is installed");
        }
        if (required()) {
            return ConditionEvaluationResult.enabled(name + " is missing, and required under CI: require() fails");
        }
        if (context.getTestMethod().isEmpty()) {
            // Surefire keeps a skip's reason in its XML report only: say it once on the console too.
            System.err.println("Skipping " + context.getDisplayName() + ": " + skipReason());
        }
        return ConditionEvaluationResult.disabled(skipReason());
    }

    private String skipReason() {
        return name + " is not installed; 'apt-get install -y " + packages + "' runs these tests too";
    }

    /** Whether a missing tool fails the tests instead of skipping them. */
    public static boolean required() {
        return flag(System.getenv("CI")) || flag(System.getProperty(REQUIRE_PROPERTY));
    }

    private static String why() {
        return flag(System.getenv("CI")) ? "CI=true" : REQUIRE_PROPERTY + "=true";
    }

    private static boolean flag(String value) {
        return value != null && (value.trim().toLowerCase(Locale.ROOT).equals("true") || value.trim().equals("1"));
    }

    @Override
    public String toString() {
        return name + " (Debian: " + packages + ")";
    }
}
