package org.fieldmark.adapter.local.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The photo files a command line's PATH arguments name: a file is itself (whatever its name, so a
 * bad file given by name is reported, not ignored); a folder is its photos ({@code .jpg},
 * {@code .jpeg}, {@code .png}, {@code .bmp}, hidden and temporary files left out), its subfolders'
 * too with {@code recursive}; anything else with {@code * ? [ {} is a glob (as a shell would expand
 * it; {@code **} crosses folders) whose matching files are taken. Each file is listed once, in the
 * order of the arguments and, within a folder or glob, of the paths. An argument that names nothing
 * is a problem, reported with the others.
 */
public final class ArchivePaths {

    private static final Set<Character> GLOB = Set.of('*', '?', '[', '{');

    private ArchivePaths() {
    }

    /**
     * @param photos   the files, each once
     * @param problems one sentence per argument that names nothing
     */
    public record Listing(List<Path> photos, List<String> problems) {
    }

    /** The files {@code arguments} name. */
    public static Listing list(List<String> arguments, boolean recursive) {
        Map<Path, Path> photos = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String argument : arguments) {
            List<Path> found;
            try {
                found = expand(argument, recursive);
            } catch (InvalidPathException e) {
                problems.add("'" + argument + "' is not a usable path: " + e.getMessage());
                continue;
            } catch (UncheckedIOException e) {
                problems.add("'" + argument + "' cannot be listed: " + e.getCause().getMessage());
                continue;
            }
            if (found == null) {
                problems.add("'" + argument + "' is no file or folder");
            } else if (found.isEmpty() && isGlob(argument)) {
                problems.add("'" + argument + "' matches no file");
            }
            if (found != null) {
                found.forEach(path -> photos.putIfAbsent(path.toAbsolutePath().normalize(), path));
            }
        }
        return new Listing(List.copyOf(photos.values()), List.copyOf(problems));
    }

    /** The files one argument names; {@code null} when it names nothing and is no glob. */
    private static List<Path> expand(String argument, boolean recursive) {
        Path path = Path.of(argument).normalize();
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (Files.isDirectory(path)) {
            return walk(path, recursive ? Integer.MAX_VALUE : 1, file -> PhotoFiles.isPhoto(name(file)));
        }
        if (!isGlob(argument)) {
            return null;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + argument);
        Path base = base(argument);
        boolean deep = recursive || argument.contains("**");
        int depth = deep ? Integer.MAX_VALUE
                : Path.of(plain(argument)).getNameCount() - (base.toString().isEmpty() ? 0 : base.getNameCount());
        return walk(base, Math.max(depth, 1), matcher::matches);
    }

    private static List<Path> walk(Path root, int depth, Predicate<Path> wanted) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root, depth, new FileVisitOption[0])) {
            return files.filter(file -> !file.equals(root))
                    .filter(file -> !hiddenBelow(root, file))
                    .filter(Files::isRegularFile)
                    .filter(wanted)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hidden and temporary files and anything in a hidden folder below the root are left out. */
    private static boolean hiddenBelow(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (PhotoFiles.hiddenOrTemporary(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The folder a glob starts in: its leading names without a glob character. */
    private static Path base(String glob) {
        Path base = Path.of(plain(glob)).getRoot();
        String[] names = glob.split("[/\\\\]");
        int skip = base == null ? 0 : 1;
        Path built = base;
        for (int i = skip; i < names.length - 1; i++) {
            if (isGlob(names[i]) || names[i].isEmpty()) {
                break;
            }
            built = built == null ? Path.of(names[i]) : built.resolve(names[i]);
        }
        return built == null ? Path.of("") : built;
    }

    /** The glob with its special characters replaced, to measure it as a path. */
    private static String plain(String glob) {
        return glob.replaceAll("[*?\\[\\]{}]", "x");
    }

    static boolean isGlob(String argument) {
        return argument.chars().anyMatch(c -> GLOB.contains((char) c));
    }

    private static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString();
    }
}
