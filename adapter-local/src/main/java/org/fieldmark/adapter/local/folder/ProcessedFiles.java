package org.fieldmark.adapter.local.folder;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the watcher has already handled, by key: the file's size and modification time when it
 * was handled, and whether that went well. Kept in a small text file, one file per line
 * ({@code status<TAB>size<TAB>modified<TAB>key}, the key escaped), rewritten whole through a
 * temporary file and an atomic rename, so a crash leaves either the old or the new state.
 */
final class ProcessedFiles {

    static final String HEADER = "# fieldmark folder watcher state v1: status, size, modified, key";

    /** How a file ended: handed over, or given up on (logged). */
    enum Status { DONE, FAILED }

    record Entry(Status status, long size, String modified) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private ProcessedFiles(Path file) {
        this.file = file;
    }

    /**
     * Reads the state file; a missing file is an empty state. Unreadable lines are skipped and
     * listed in {@link #problems()}: the files they stood for are handled again, not lost.
     */
    static ProcessedFiles load(Path file) throws IOException {
        ProcessedFiles state = new ProcessedFiles(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return state;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 4);
            try {
                if (parts.length != 4) {
                    throw new IllegalArgumentException("expected 4 tab-separated fields, found " + parts.length);
                }
                state.entries.put(unescape(parts[3]),
                        new Entry(Status.valueOf(parts[0]), Long.parseLong(parts[1]), parts[2]));
            } catch (IllegalArgumentException e) {
                state.problems.add("line " + (i + 1) + " of " + file + " is unreadable (" + e.getMessage() + ")");
            }
        }
        return state;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** {@code true} when the file was handled (either way) with exactly this size and time. */
    boolean handled(String key, long size, String modified) {
        Entry entry = entries.get(key);
        return entry != null && entry.size() == size && entry.modified().equals(modified);
    }

    Entry get(String key) {
        return entries.get(key);
    }

    void record(String key, Status status, long size, String modified) {
        entries.put(key, new Entry(status, size, modified));
    }

    int size() {
        return entries.size();
    }

    /** Writes the whole state to a temporary file beside the state file, then renames it into place. */
    void save() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                Entry entry = e.getValue();
                out.write(entry.status().name() + '\t' + entry.size() + '\t' + entry.modified() + '\t'
                        + escape(e.getKey()) + '\n');
            }
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String escape(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= escaped.length()) {
                throw new IllegalArgumentException("key ends with a lone backslash");
            }
            char next = escaped.charAt(i);
            out.append(switch (next) {
                case '\\' -> '\\';
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> throw new IllegalArgumentException("unknown escape \\" + next);
            });
        }
        return out.toString();
    }
}
