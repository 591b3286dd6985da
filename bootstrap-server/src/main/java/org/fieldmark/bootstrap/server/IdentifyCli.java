package org.fieldmark.bootstrap.server;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.fieldmark.adapter.local.folder.ArchivePaths;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.ArchiveListener;
import org.fieldmark.application.port.in.ArchiveOutcome;
import org.fieldmark.application.port.in.ArchiveSummary;
import org.fieldmark.application.port.in.IdentifyArchiveCommand;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.configuration.ServerConfig;

/**
 * {@code fieldmark identify PATH...}: lists the photos, reads the configuration as the server does
 * (flags, environment, config file), skips what {@code --resume}'s output holds, identifies the rest on
 * the workers, writes each row as it is known, shows progress, lists the failed photos with their reason,
 * and returns the exit code.
 */
final class IdentifyCli {

    /** Every photo identified (or skipped as done). */
    static final int OK = 0;
    /** Some photos failed; they are listed with their reason at the end. */
    static final int SOME_FAILED = 1;
    /** The command line or the configuration is wrong; nothing was identified. */
    static final int USAGE = 2;
    /** The run could not finish: the output could not be written, or the model was lost. */
    static final int NOT_FINISHED = 3;

    private static final String PREFIX = "fieldmark identify: ";

    private IdentifyCli() {
    }

    /** Runs the command with the configured model. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        return run(args, env, out, err, terminal, UnaryOperator.identity());
    }

    /** Runs the command; {@code model} wraps the configured model (tests count its calls). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal,
                   UnaryOperator<InferencePort> model) {
        if (IdentifyCommand.wantsHelp(args)) {
            out.print(IdentifyCommand.help());
            return OK;
        }
        Prepared prepared;
        try {
            prepared = prepare(args, env, out, model);
        } catch (IdentifyCommand.UsageException e) {
            err.println(PREFIX + e.getMessage() + " (see fieldmark identify --help)");
            return USAGE;
        } catch (ConfigurationInvalidException e) {
            err.println(PREFIX + String.join("; ", e.problems()) + " (see fieldmark identify --help)");
            return USAGE;
        } catch (InvalidRequestException e) {
            err.println(PREFIX + e.getMessage() + " (see fieldmark identify --help)");
            return USAGE;
        }
        try (IdentifyWiring wiring = prepared.wiring(); Writer output = prepared.output()) {
            IdentifyCommand.Request request = prepared.request();
            IdentifyProgress progress = new IdentifyProgress(err, style(request.progress(), terminal),
                    request.progressEvery(), System::nanoTime);
            IdentifyRows rows = new IdentifyRows(request.format(), output);
            if (prepared.fresh()) {
                rows.header();
            }
            ArchiveSummary summary = wiring.useCase().identifyAll(prepared.command(), new ArchiveListener() {
                @Override
                public void started(int toIdentify, int skipped) {
                    progress.started(toIdentify, skipped, wiring.describe() + ", " + request.workers() + " workers");
                }

                @Override
                public void finished(ArchiveOutcome outcome) {
                    if (outcome.succeeded()) {
                        rows.write(outcome);
                    }
                    progress.finished(outcome.succeeded());
                }
            });
            progress.summary(summary);
            listFailures(summary, err);
            return summary.allSucceeded() ? OK : SOME_FAILED;
        } catch (IOException | RuntimeException e) {
            err.println();
            err.println(PREFIX + "the run could not finish: " + (e.getCause() != null ? e.getCause() : e));
            return NOT_FINISHED;
        }
    }

    /** Everything checked before the first photo, so a usage error costs nothing. */
    private record Prepared(IdentifyCommand.Request request, IdentifyArchiveCommand command, Writer output,
                            boolean fresh, IdentifyWiring wiring) {
    }

    private static Prepared prepare(String[] args, Map<String, String> env, PrintStream out,
                                    UnaryOperator<InferencePort> model) {
        IdentifyCommand.Request request = IdentifyCommand.parse(args, Runtime.getRuntime().availableProcessors());
        ServerConfig config = ServerConfigLoader.withEnvironment(env).load(request.settings().toArray(String[]::new));
        ArchivePaths.Listing listing = ArchivePaths.list(request.paths(), request.recursive());
        if (!listing.problems().isEmpty()) {
            throw new IdentifyCommand.UsageException(String.join("; ", listing.problems()));
        }
        List<ImageReference> photos = listing.photos().stream().map(path -> ImageReference.of(path.toString()))
                .toList();
        Set<ImageReference> done = Set.of();
        boolean fresh = true;
        Writer output;
        if (request.output() == null) {
            output = new OutputStreamWriter(new UnclosedStream(out), StandardCharsets.UTF_8);
        } else {
            Path file = outputFile(request.output());
            String earlier = request.resume() ? earlier(file) : "";
            if (!earlier.isEmpty()) {
                done = done(photos, IdentifyResume.done(request.format(), earlier, request.output()));
                fresh = false;
            }
            output = open(file, request.resume());
        }
        try {
            IdentifyArchiveCommand command = new IdentifyArchiveCommand(photos, done, request.workers(),
                    new RuleOverrides(null, null));
            return new Prepared(request, command, output, fresh, IdentifyWiring.from(config, request.record(), model));
        } catch (RuntimeException e) {
            closeQuietly(output);
            throw e;
        }
    }

    private static Path outputFile(String name) {
        try {
            Path file = Path.of(name);
            if (Files.isDirectory(file)) {
                throw new IdentifyCommand.UsageException("--output " + name + " is a folder; name a file");
            }
            return file;
        } catch (InvalidPathException e) {
            throw new IdentifyCommand.UsageException("--output " + name + " is not a usable path: " + e.getMessage());
        }
    }

    private static String earlier(Path file) {
        if (!Files.exists(file)) {
            return "";
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IdentifyCommand.UsageException("--resume: " + file + " cannot be read: " + e);
        }
    }

    private static Writer open(Path file, boolean append) {
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new IdentifyCommand.UsageException("--output " + file + " cannot be written: " + e);
        }
    }

    /** The listed photos an earlier output names (compared as absolute paths, so ./a.jpg is a.jpg). */
    private static Set<ImageReference> done(List<ImageReference> photos, Set<String> named) {
        Set<Path> earlier = new HashSet<>();
        for (String name : named) {
            try {
                earlier.add(Path.of(name).toAbsolutePath().normalize());
            } catch (InvalidPathException e) {
                // not a path of this machine: no listed photo has it
            }
        }
        Set<ImageReference> done = new HashSet<>();
        for (ImageReference photo : photos) {
            if (earlier.contains(Path.of(photo.key()).toAbsolutePath().normalize())) {
                done.add(photo);
            }
        }
        return done;
    }

    private static void listFailures(ArchiveSummary summary, PrintStream err) {
        if (summary.failed().isEmpty()) {
            return;
        }
        err.println(summary.failed().size() + " photo" + (summary.failed().size() == 1 ? "" : "s") + " failed:");
        for (ArchiveOutcome failed : summary.failed()) {
            err.println("  " + failed.photo().key() + ": " + IdentifyReasons.reason(failed.failure()));
        }
    }

    private static IdentifyProgress.Style style(IdentifyCommand.Progress progress, boolean terminal) {
        return switch (progress) {
            case AUTO -> terminal ? IdentifyProgress.Style.BAR : IdentifyProgress.Style.LINES;
            case BAR -> IdentifyProgress.Style.BAR;
            case LINES -> IdentifyProgress.Style.LINES;
            case OFF -> IdentifyProgress.Style.OFF;
        };
    }

    private static void closeQuietly(Writer writer) {
        try {
            writer.close();
        } catch (IOException e) {
            // nothing was written yet
        }
    }

    /** Standard output, flushed but never closed by the row writer. */
    private static final class UnclosedStream extends java.io.FilterOutputStream {

        UnclosedStream(PrintStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
