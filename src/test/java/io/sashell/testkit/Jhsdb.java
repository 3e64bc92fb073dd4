package io.sashell.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SA's own answers through {@code jhsdb clhsdb}: the oracle of the histogram tests. */
public final class Jhsdb {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(.+?)\\s*$");

    private Jhsdb() {
    }

    /** One histogram row, as jhisto prints it: class name, count, bytes. */
    public record Row(String name, long count, long bytes) {
    }

    /** {@code jhisto} of the core, run with the JDK that wrote it. */
    public static List<Row> jhisto(Path jdk, Path core) throws IOException, InterruptedException {
        Run r = Run.of(List.of(jdk.resolve("bin/jhsdb").toString(), "clhsdb", "--exe",
                jdk.resolve("bin/java").toString(), "--core", core.toString()), "jhisto\nquit\n", Map.of(), null);
        List<Row> rows = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        if (rows.isEmpty()) {
            throw new IOException("jhsdb printed no histogram: " + r.stdout() + r.stderr());
        }
        return rows;
    }
}
