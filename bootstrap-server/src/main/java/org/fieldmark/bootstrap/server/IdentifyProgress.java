package org.fieldmark.bootstrap.server;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.fieldmark.application.port.in.ArchiveSummary;

/**
 * Progress on standard error: photos done of all, percent, rate and time left, as a bar redrawn in
 * place on a terminal, or as a plain line every so many seconds (and after the last photo) when the
 * output is a file or a pipe; a closing line with the totals either way unless progress is off.
 */
final class IdentifyProgress {

    private static final long BAR_REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    enum Style { BAR, LINES, OFF }

    private final PrintStream err;
    private final Style style;
    private final long everyNanos;
    private final LongSupplier nanoTime;
    private long start;
    private long lastShown;
    private int total;
    private int done;
    private int failed;

    IdentifyProgress(PrintStream err, Style style, double everySeconds, LongSupplier nanoTime) {
        this.err = err;
        this.style = style;
        this.everyNanos = (long) (everySeconds * 1e9);
        this.nanoTime = nanoTime;
    }

    void started(int toIdentify, int skipped, String what) {
        total = toIdentify;
        start = nanoTime.getAsLong();
        lastShown = start;
        if (style != Style.OFF) {
            err.println("identify: " + toIdentify + " photo" + (toIdentify == 1 ? "" : "s") + " to identify"
                    + (skipped > 0 ? " (" + skipped + " skipped: in the output already)" : "") + "; " + what);
        }
    }

    void finished(boolean succeeded) {
        done++;
        if (!succeeded) {
            failed++;
        }
        long now = nanoTime.getAsLong();
        switch (style) {
            case BAR -> {
                if (now - lastShown >= BAR_REDRAW_NANOS || done == total) {
                    lastShown = now;
                    err.print("\r" + bar(now));
                    err.flush();
                }
            }
            case LINES -> {
                if (now - lastShown >= everyNanos || done == total) {
                    lastShown = now;
                    err.println("identify: " + counts(now));
                }
            }
            case OFF -> {
                // nothing until the end
            }
        }
    }

    void summary(ArchiveSummary summary) {
        if (style == Style.OFF) {
            return;
        }
        if (style == Style.BAR && done > 0) {
            err.println();
        }
        long elapsed = nanoTime.getAsLong() - start;
        err.println("identify: " + done + " photo" + (done == 1 ? "" : "s") + " in " + duration(elapsed / 1e9)
                + " (" + rate(done, elapsed) + " photos/s): " + summary.identified() + " identified ("
                + summary.duplicates() + " duplicate" + (summary.duplicates() == 1 ? "" : "s") + "), "
                + summary.failed().size() + " failed, " + summary.skipped() + " skipped");
    }

    private String bar(long now) {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
        String arrow = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        return "[" + arrow + "] " + counts(now) + "   ";
    }

    private String counts(long now) {
        long elapsed = now - start;
        double perSecond = elapsed <= 0 ? 0 : done / (elapsed / 1e9);
        String eta = perSecond <= 0 ? "?" : duration((total - done) / perSecond);
        return done + "/" + total + " (" + (total == 0 ? 100 : 100L * done / total) + "%), "
                + rate(done, elapsed) + " photos/s, ETA " + eta + (failed > 0 ? ", " + failed + " failed" : "");
    }

    private static String rate(int count, long nanos) {
        return nanos <= 0 ? "0.0" : String.format(Locale.ROOT, "%.1f", count / (nanos / 1e9));
    }

    /** {@code 0:07}, {@code 12:30}, {@code 2:05:00}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
