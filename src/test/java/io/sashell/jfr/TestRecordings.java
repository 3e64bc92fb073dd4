package io.sashell.jfr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Small recordings made in the test JVM with known contents, and the JDK's own reading of them
 * ({@link RecordingFile}), the oracle of the counts.
 */
public final class TestRecordings {
    /** Committed exactly as many times as asked. */
    @Name("sashell.Marker")
    static final class Marker extends Event {
        int n;
    }

    private TestRecordings() {
    }

    /** A one-chunk recording with {@code markers} marker events and three System.gc() collections. */
    public static Path record(Path file, int markers) throws IOException {
        try (Recording r = new Recording()) {
            r.enable(Marker.class);
            r.enable("jdk.GCHeapSummary");
            r.enable("jdk.GarbageCollection");
            r.enable("jdk.GCHeapConfiguration");
            r.enable("jdk.JVMInformation");
            r.start();
            for (int i = 0; i < markers; i++) {
                Marker m = new Marker();
                m.n = i;
                m.commit();
            }
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            r.stop();
            r.dump(file);
        }
        return file;
    }

    /** Event counts by type name, as the JDK reads the file. */
    public static Map<String, Long> jdkCounts(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            counts.merge(e.getEventType().getName(), 1L, Long::sum);
        }
        return counts;
    }

    /** The bytes of {@code a} followed by the first {@code bLength} bytes of {@code b}. */
    public static Path concat(Path out, Path a, Path b, long bLength) throws IOException {
        byte[] first = Files.readAllBytes(a);
        byte[] second = Files.readAllBytes(b);
        byte[] all = new byte[first.length + (int) bLength];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, (int) bLength);
        return Files.write(out, all);
    }

    /** The first {@code length} bytes of {@code in}. */
    public static Path cut(Path out, Path in, long length) throws IOException {
        byte[] b = Files.readAllBytes(in);
        byte[] c = new byte[(int) length];
        System.arraycopy(b, 0, c, 0, (int) length);
        return Files.write(out, c);
    }
}
