package io.sashell.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A HotSpot version string such as "17.0.15+6-Debian-1deb12u1" or "25.0.3+9-LTS" (the JDK's
 * {@code java.runtime.version}; {@code JAVA_RUNTIME_VERSION} in its {@code release} file).
 */
public record JvmVersion(String text) {
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]*(\\.[0-9]+)*(-[A-Za-z0-9.]+)?(\\+[0-9]+)?(-[A-Za-z0-9._-]+)?");
    private static final byte[] MARKER = "for linux-amd64 JRE (".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_VERSION = 80;
    /** Bytes of anonymous memory searched at most: the C heap is small next to the Java heap. */
    static final long ANONYMOUS_BUDGET = 512L << 20;
    private static final long MAX_ANONYMOUS_SEGMENT = 256L << 20;
    private static final int CHUNK = 1 << 20;

    public JvmVersion {
        if (!VERSION.matcher(text).matches()) {
            throw new IllegalArgumentException("not a JDK version: " + text);
        }
    }

    /** The feature release: 17 for "17.0.15+6-…", 25 for "25.0.3+9-LTS". */
    public int feature() {
        int end = 0;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Integer.parseInt(text.substring(0, end));
    }

    @Override
    public String toString() {
        return text;
    }

    /** Parses a version string; empty when it does not look like one. */
    public static Optional<JvmVersion> parse(String text) {
        return VERSION.matcher(text).matches() ? Optional.of(new JvmVersion(text)) : Optional.empty();
    }

    /**
     * The version of the JVM that wrote the core, from HotSpot's vm info string
     * "… for linux-amd64 JRE (&lt;version&gt;), built on …". Looked for first in libjvm's read-only
     * data (present when HotSpot's default coredump_filter dumped the libraries), then in the hsperfdata
     * file mapping, then in anonymous memory (the C heap holds copies), smallest segments first, at most
     * {@link #ANONYMOUS_BUDGET} bytes. Cost: reads of a few MB in the usual core.
     */
    public static Optional<JvmVersion> find(ElfCore core) {
        for (LoadSegment s : searchOrder(core)) {
            Optional<JvmVersion> v = scan(core.memory(), s);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** The version in {@code <home>/release} (JAVA_RUNTIME_VERSION); empty without such a file or line. */
    public static Optional<JvmVersion> ofJdk(Path home) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
                String value = line.substring("JAVA_RUNTIME_VERSION=".length()).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return parse(value);
            }
        }
        return Optional.empty();
    }

    private static List<LoadSegment> searchOrder(ElfCore core) {
        List<LoadSegment> libjvm = new ArrayList<>();
        List<LoadSegment> perfData = new ArrayList<>();
        List<LoadSegment> anonymous = new ArrayList<>();
        for (LoadSegment s : core.segments()) {
            if (s.fileSize() <= 0) {
                continue;
            }
            Optional<MappedFile> file = core.mappedFileAt(s.vaddr());
            if (file.isPresent()) {
                String path = file.get().path();
                if (path.endsWith("/libjvm.so") && !s.isWritable() && !s.isExecutable()) {
                    libjvm.add(s);
                } else if (path.contains("/hsperfdata_")) {
                    perfData.add(s);
                }
            } else if (s.isWritable() && s.fileSize() <= MAX_ANONYMOUS_SEGMENT) {
                anonymous.add(s);
            }
        }
        anonymous.sort(Comparator.comparingLong(LoadSegment::fileSize));
        List<LoadSegment> order = new ArrayList<>(libjvm);
        order.addAll(perfData);
        long budget = ANONYMOUS_BUDGET;
        for (LoadSegment s : anonymous) {
            if (s.fileSize() > budget) {
                break;
            }
            budget -= s.fileSize();
            order.add(s);
        }
        return order;
    }

    private static Optional<JvmVersion> scan(CoreMemory memory, LoadSegment s) {
        long length = Math.min(s.fileSize(), s.memSize());
        int keep = MARKER.length + MAX_VERSION;
        byte[] buf = new byte[CHUNK + keep];
        for (long done = 0; done < length; done += CHUNK) {
            int n = (int) Math.min(buf.length, length - done);
            if (!memory.isReadable(s.vaddr() + done, n)) {
                return Optional.empty();
            }
            memory.read(s.vaddr() + done, buf, 0, n);
            int limit = Math.min(n - MARKER.length, CHUNK);
            for (int i = 0; i <= limit; i++) {
                if (buf[i] == MARKER[0] && matchesAt(buf, i, n)) {
                    Optional<JvmVersion> v = versionAt(buf, i + MARKER.length, n);
                    if (v.isPresent()) {
                        return v;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matchesAt(byte[] buf, int at, int n) {
        if (at + MARKER.length > n) {
            return false;
        }
        for (int j = 1; j < MARKER.length; j++) {
            if (buf[at + j] != MARKER[j]) {
                return false;
            }
        }
        return true;
    }

    private static Optional<JvmVersion> versionAt(byte[] buf, int from, int n) {
        int end = from;
        while (end < n && end - from < MAX_VERSION && buf[end] != ')') {
            end++;
        }
        if (end >= n || buf[end] != ')') {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(new String(buf, from, end - from, StandardCharsets.ISO_8859_1));
        return m.matches() ? Optional.of(new JvmVersion(m.group())) : Optional.empty();
    }
}
