package io.sashell.jfr;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the Flight Recorder recording of a crashed process from what its core tells: the pid, the hs_err
 * log, the {@code user.dir} and {@code java.io.tmpdir} properties and the JVM arguments. In order:
 * the file the hs_err log names; {@code hs_err_pid<PID>.jfr}, {@code hs_oom_pid<PID>.jfr} and
 * {@code hs_soe_pid<PID>.jfr} beside the core, beside the hs_err log, in the {@code dumppath} and in the
 * working directory; the chunk files of the JFR repository ({@code repository=} or {@code java.io.tmpdir});
 * the recording's own {@code filename=}. Cost: a few file look-ups and two directory listings; nothing is parsed.
 */
public final class RecordingFinder {
    private static final Pattern HS_ERR_LINE = Pattern.compile("JFR recording file will be written\\. Location: (.+)$");
    private static final int HS_ERR_HEADER_LINES = 200;

    private RecordingFinder() {
    }

    /** What is known about the process; empty strings and null paths when unknown, pid -1 when unknown. */
    public record Clues(Path core, long pid, Path hsErrLog, String userDir, String tmpDir, String jvmArgs) {
    }

    /** A recording: one file, or a repository's chunk files in order; {@code how} says where it was found. */
    public record Found(List<Path> files, String how) {
        public Found {
            files = List.copyOf(files);
        }
    }

    /** The first recording found, every one found, and where the search looked (for the message when none). */
    public record Search(Optional<Found> best, List<Found> all, List<String> looked) {
        public Search {
            all = List.copyOf(all);
            looked = List.copyOf(looked);
        }
    }

    public static Search find(Clues c) {
        Map<Path, Found> found = new LinkedHashMap<>();
        List<String> looked = new ArrayList<>();
        Map<String, String> startOptions = options(c.jvmArgs(), "-XX:StartFlightRecording");
        Map<String, String> recorderOptions = options(c.jvmArgs(), "-XX:FlightRecorderOptions");
        Path userDir = c.userDir().isEmpty() ? null : Path.of(c.userDir());
        Path coreDir = c.core() == null ? null : c.core().toAbsolutePath().getParent();

        for (Path log : hsErrLogs(c, coreDir, userDir)) {
            Optional<Path> named = namedInLog(log, c.pid());
            if (named.isPresent() && isRecording(named.get())) {
                add(found, List.of(named.get()), "named in " + log.getFileName());
            } else {
                looked.add(log + (named.isPresent() ? " names " + named.get() + ", which is missing"
                        : " names no recording"));
            }
        }

        // Each directory with how to say it; the first name given to a directory wins.
        Map<Path, String> dirs = new LinkedHashMap<>();
        if (coreDir != null) {
            dirs.putIfAbsent(coreDir, "beside the core");
        }
        if (c.hsErrLog() != null && c.hsErrLog().toAbsolutePath().getParent() != null) {
            dirs.putIfAbsent(c.hsErrLog().toAbsolutePath().getParent(), "beside the hs_err log");
        }
        String dumpPath = recorderOptions.getOrDefault("dumppath", "");
        if (!dumpPath.isEmpty()) {
            dirs.putIfAbsent(resolve(userDir, dumpPath, c.pid()), "in the dumppath");
        }
        if (userDir != null) {
            dirs.putIfAbsent(userDir, "in the working directory (user.dir)");
        }
        if (c.pid() > 0) {
            List<String> names = List.of("hs_err_pid" + c.pid() + ".jfr", "hs_oom_pid" + c.pid() + ".jfr",
                    "hs_soe_pid" + c.pid() + ".jfr");
            for (Map.Entry<Path, String> dir : dirs.entrySet()) {
                for (String name : names) {
                    Path f = dir.getKey().resolve(name);
                    if (isRecording(f)) {
                        add(found, List.of(f), dir.getValue());
                    }
                }
            }
            looked.add(String.join(", ", names) + " in " + join(dirs.keySet()));
        }

        List<Path> repositories = new ArrayList<>();
        String repository = recorderOptions.getOrDefault("repository", "");
        if (!repository.isEmpty()) {
            repositories.add(resolve(userDir, repository, c.pid()));
        }
        if (!c.tmpDir().isEmpty()) {
            repositories.add(Path.of(c.tmpDir()));
        }
        if (c.pid() > 0) {
            for (Path base : repositories) {
                Optional<Found> repo = repository(base, c.pid());
                repo.ifPresent(f -> add(found, f.files(), f.how()));
                if (repo.isEmpty()) {
                    looked.add("the JFR repository under " + base + " (no folder ending _" + c.pid() + ")");
                }
            }
        }

        String filename = startOptions.getOrDefault("filename", "");
        if (!filename.isEmpty()) {
            Path f = resolve(userDir, filename, c.pid());
            if (isRecording(f)) {
                add(found, List.of(f), "the recording's filename= (written at exit or on dump: may be older than "
                        + "the crash)");
            } else {
                looked.add(f + " (the recording's filename=)");
            }
        }
        List<Found> all = new ArrayList<>(found.values());
        return new Search(all.isEmpty() ? Optional.empty() : Optional.of(all.get(0)), all, looked);
    }

    /**
     * hs_err logs to read: the one beside the core, the one {@code -XX:ErrorFile} names, and one with the pid's
     * name in the working directory.
     */
    private static List<Path> hsErrLogs(Clues c, Path coreDir, Path userDir) {
        Set<Path> logs = new LinkedHashSet<>();
        if (c.hsErrLog() != null && Files.isRegularFile(c.hsErrLog())) {
            logs.add(c.hsErrLog().toAbsolutePath());
        }
        String errorFile = flagValue(c.jvmArgs(), "-XX:ErrorFile=");
        if (!errorFile.isEmpty() && c.pid() > 0) {
            Path log = resolve(userDir, errorFile, c.pid()).toAbsolutePath();
            if (Files.isRegularFile(log)) {
                logs.add(log);
            }
        }
        if (c.pid() > 0) {
            for (Path dir : new Path[] {coreDir, userDir}) {
                if (dir != null) {
                    Path log = dir.resolve("hs_err_pid" + c.pid() + ".log").toAbsolutePath();
                    if (Files.isRegularFile(log)) {
                        logs.add(log);
                    }
                }
            }
        }
        return new ArrayList<>(logs);
    }

    /** The "JFR recording file will be written. Location: ..." line of an hs_err log's header. */
    static Optional<Path> namedInLog(Path log, long pid) {
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
            String line;
            for (int i = 0; i < HS_ERR_HEADER_LINES && (line = in.readLine()) != null; i++) {
                Matcher m = HS_ERR_LINE.matcher(line);
                if (m.find()) {
                    return Optional.of(Path.of(m.group(1).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable log names nothing; the other places are still searched.
        }
        return Optional.empty();
    }

    /** The newest folder {@code <yyyy_MM_dd_HH_mm_ss>_<pid>} under {@code base}, with its chunk files in order. */
    static Optional<Found> repository(Path base, long pid) {
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        Pattern name = Pattern.compile("\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_" + pid);
        List<Path> folders;
        try (Stream<Path> s = Files.list(base)) {
            folders = s.filter(p -> name.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (folders.isEmpty()) {
            return Optional.empty();
        }
        Path folder = folders.get(folders.size() - 1);
        List<Path> chunks;
        try (Stream<Path> s = Files.list(folder)) {
            chunks = s.filter(p -> p.getFileName().toString().endsWith(".jfr") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Found(chunks, "the JFR repository " + folder + " (" + chunks.size() + " chunk file"
                + (chunks.size() == 1 ? "" : "s") + ")"));
    }

    /**
     * The options of a JVM flag such as {@code -XX:StartFlightRecording:filename=x.jfr,settings=profile}
     * ({@code =} or {@code :} after the name); empty when the flag is absent. Arguments are split on blanks.
     */
    static Map<String, String> options(String jvmArgs, String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        if (jvmArgs == null) {
            return out;
        }
        for (String arg : jvmArgs.trim().split("\\s+")) {
            if (!arg.startsWith(flag)) {
                continue;
            }
            String rest = arg.substring(flag.length());
            if (!rest.isEmpty() && rest.charAt(0) != '=' && rest.charAt(0) != ':') {
                continue;
            }
            if (rest.length() > 1) {
                for (String kv : rest.substring(1).split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                    }
                }
            }
        }
        return out;
    }

    /** The value of a {@code -XX:Name=value} flag, empty when absent; the last one wins, as for the JVM. */
    static String flagValue(String jvmArgs, String prefix) {
        String value = "";
        if (jvmArgs != null) {
            for (String arg : jvmArgs.trim().split("\\s+")) {
                if (arg.startsWith(prefix)) {
                    value = arg.substring(prefix.length());
                }
            }
        }
        return value;
    }

    private static Path resolve(Path userDir, String path, long pid) {
        String p = pid > 0 ? path.replace("%p", Long.toString(pid)) : path;
        Path f = Path.of(p);
        return f.isAbsolute() || userDir == null ? f : userDir.resolve(f);
    }

    private static boolean isRecording(Path f) {
        return Files.isRegularFile(f) && ChunkScanner.looksLikeRecording(f);
    }

    private static void add(Map<Path, Found> found, List<Path> files, String how) {
        Path key = files.get(0).toAbsolutePath().normalize();
        try {
            key = files.get(0).toRealPath();
        } catch (IOException e) {
            // keep the normalized path
        }
        found.putIfAbsent(key, new Found(files, how));
    }

    private static String join(Set<Path> dirs) {
        List<String> s = new ArrayList<>();
        dirs.forEach(d -> s.add(d.toString()));
        return String.join(", ", s);
    }
}
