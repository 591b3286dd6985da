package org.fieldmark.bootstrap.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldmark.wire.json.JsonTree;

/**
 * The photos an earlier run's output holds, for {@code --resume}: the {@code path} column of CSV (read
 * as RFC 4180: quoted fields may hold commas, quotes and line breaks), the {@code path} of each JSON
 * line, or the bracketed name of each workshop message. A last line cut short by a stopped run names
 * no photo (that photo is identified again).
 */
final class IdentifyResume {

    private static final Pattern MESSAGE = Pattern.compile(
            "^(?:Bird \\[(.*)] (?:is a|may be a): .*|No bird recognised in \\[(.*)])$");

    private IdentifyResume() {
    }

    /**
     * The photo names {@code text} (the output file's content) holds.
     *
     * @throws IdentifyCommand.UsageException when the file is not an output of that format
     */
    static Set<String> done(IdentifyCommand.Format format, String text, String file) {
        return switch (format) {
            case CSV -> csv(text, file);
            case JSONL -> jsonl(text, file);
            case TEXT -> messages(text);
        };
    }

    private static Set<String> csv(String text, String file) {
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            return Set.of();
        }
        if (!records.get(0).equals(IdentifyRows.CSV_COLUMNS)) {
            throw new IdentifyCommand.UsageException("--resume: " + file + " does not start with the CSV header of "
                    + "identify (" + String.join(",", IdentifyRows.CSV_COLUMNS) + "); give the file an earlier run "
                    + "wrote with --format csv");
        }
        Set<String> done = new LinkedHashSet<>();
        boolean complete = text.endsWith("\n");
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            boolean cut = i == records.size() - 1 && !complete;
            if (!cut && record.size() == IdentifyRows.CSV_COLUMNS.size()) {
                done.add(record.get(0));
            }
        }
        return done;
    }

    /** RFC 4180 records: fields split at commas outside quotes, records at line breaks outside quotes. */
    static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    private static Set<String> jsonl(String text, String file) {
        Set<String> done = new LinkedHashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Object row;
            try {
                row = JsonTree.read(line);
            } catch (RuntimeException e) {
                if (i == lines.length - 1) {
                    continue; // cut short by a stopped run
                }
                throw new IdentifyCommand.UsageException("--resume: line " + (i + 1) + " of " + file
                        + " is not JSON; give the file an earlier run wrote with --format jsonl");
            }
            if (row instanceof Map<?, ?> map && map.get("path") instanceof String path) {
                done.add(path);
            }
        }
        return done;
    }

    private static Set<String> messages(String text) {
        Set<String> done = new LinkedHashSet<>();
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // empty after the last line break, or a line cut short by a stopped run
        for (String line : lines) {
            Matcher matcher = MESSAGE.matcher(line);
            if (matcher.matches()) {
                done.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
        }
        return done;
    }
}
