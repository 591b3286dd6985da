package org.fieldmark.benchmarks.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A child process's figures from {@code /proc} (Linux): peak resident set and CPU time used. */
final class ProcessFigures {

    /** {@code USER_HZ}: the unit of the CPU times in {@code /proc/<pid>/stat}; 100 on Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessFigures() {
    }

    /** Peak resident set of a process in kB, from {@code VmHWM} in {@code /proc/<pid>/status}. */
    static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + pid + "/status");
    }

    /** CPU time (user + system, all threads) the process used so far, from {@code /proc/<pid>/stat}. */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
        // Fields after the command name (which may hold spaces) start after its closing parenthesis;
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }
}
