package io.sashell.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;

class JfrRecordingTest {
    @TempDir
    static Path dir;
    static Path one;
    static Path other;

    @BeforeAll
    static void record() throws IOException {
        one = TestRecordings.record(dir.resolve("one.jfr"), 1000);
        other = TestRecordings.record(dir.resolve("other.jfr"), 250);
    }

    private static Map<String, Long> counts(JfrSummary s) {
        Map<String, Long> m = new TreeMap<>();
        s.events().forEach(e -> m.put(e.type(), e.count()));
        return m;
    }

    @Test
    void summaryCountsEqualTheJdksForEveryType() throws IOException {
        JfrSummary s = Summaries.of(JfrRecording.load(one));
        assertEquals(TestRecordings.jdkCounts(one), counts(s));
        assertEquals(1000L, counts(s).get("sashell.Marker"));
        assertEquals(TestRecordings.jdkCounts(one).values().stream().mapToLong(Long::longValue).sum(), s.totalEvents());
        assertEquals(1, s.chunks());
        assertEquals("2.1", s.version());
        assertEquals(Files.size(one), s.fileBytes());
        assertEquals(List.of(), s.damage());
        assertEquals(ProcessHandle.current().pid(), s.jvm().pid());
        assertEquals(Runtime.getRuntime().maxMemory() > 0, s.maxHeapBytes() > 0);
        for (JfrSummary.EventCount e : s.events()) {
            assertTrue(e.bytes() > 0, e.toString());
        }
    }

    @Test
    void countsAreTheJdksWhereJmcReadsFewer() throws Exception {
        Path file = dir.resolve("throws.jfr");
        Run run = Run.of(List.of(Jdks.JDK25.resolve("bin/java").toString(),
                Repo.root().resolve("testdata/jfr/Throws.java").toString(), file.toString()), null, Map.of(), null);
        assertEquals(0, run.exitCode(), run.stderr());
        JfrSummary s = Summaries.of(JfrRecording.load(file));
        Map<String, Long> byJdk = TestRecordings.jdkCounts(file);
        assertEquals(byJdk, counts(s));
        JfrSummary.EventCount exceptions = s.events().stream()
                .filter(e -> e.type().equals("jdk.JavaExceptionThrow")).findFirst().orElseThrow();
        assertEquals(byJdk.get("jdk.JavaExceptionThrow"), exceptions.count());
        // JDK 25 records the StackOverflowErrors as exception throws too; JMC 9.1.1 leaves out every Error.
        long notErrors = jdk.jfr.consumer.RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.JavaExceptionThrow"))
                .filter(e -> !e.getClass("thrownClass").getName().endsWith("Error")).count();
        assertEquals(2, notErrors);
        assertEquals(notErrors, exceptions.jmcCount(), exceptions.toString());
        assertTrue(exceptions.count() > exceptions.jmcCount());
    }

    @Test
    void twoFilesAreOneRecording() throws IOException {
        JfrSummary s = Summaries.of(JfrRecording.load(List.of(one, other)));
        assertEquals(1250L, counts(s).get("sashell.Marker"));
        assertEquals(2, s.chunks());
    }

    @Test
    void aCutLastChunkYieldsTheWholeOnesAndNamesTheLoss() throws IOException {
        Path cut = TestRecordings.concat(dir.resolve("cut.jfr"), one, other, Files.size(other) / 3);
        JfrRecording r = JfrRecording.load(cut);
        JfrSummary s = Summaries.of(r);
        assertEquals(TestRecordings.jdkCounts(one), counts(s));
        assertEquals(1, r.damage().size());
        assertTrue(r.damage().get(0).startsWith("cut.jfr: chunk 2 at byte " + String.format("%,d", Files.size(one))
                + " is cut: "), r.damage().get(0));
        assertEquals(r.damage(), s.damage());
    }

    @Test
    void aRecordingWithNoWholeChunkIsOneLine() throws IOException {
        Path cut = TestRecordings.cut(dir.resolve("short.jfr"), one, Files.size(one) - 1);
        JfrException e = assertThrows(JfrException.class, () -> JfrRecording.load(cut));
        assertEquals(String.format("%s: no whole chunk to read: chunk 1 at byte 0 is cut: %,d of its %,d bytes are in "
                + "the file; its events are lost", cut, Files.size(one) - 1, Files.size(one)), e.getMessage());
    }

    @Test
    void aFileThatIsNoRecordingIsOneLine() throws IOException {
        Path log = Files.writeString(dir.resolve("hs_err_pid1.jfr"), "#\n# A fatal error has been detected\n");
        JfrException e = assertThrows(JfrException.class, () -> JfrRecording.load(log));
        assertEquals(log + ": not a flight recording: it starts with 23 0a 23 20, not JFR's magic bytes 46 4c 52 00 "
                + "(FLR)", e.getMessage());
    }

    @Test
    void gzipRecordingsAreReadByJmcWithoutSizes() throws IOException {
        Path gz = dir.resolve("one.jfr.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(one));
        }
        JfrSummary s = Summaries.of(JfrRecording.load(gz));
        assertEquals(TestRecordings.jdkCounts(one), counts(s));
        assertTrue(s.events().stream().allMatch(e -> e.bytes() == -1));
        assertEquals(-1, s.metadata().bytes());
        assertEquals(0, s.chunks());
    }
}
