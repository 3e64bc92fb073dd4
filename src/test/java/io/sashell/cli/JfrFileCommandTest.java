package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.jfr.TestRecordings;

/** {@code sa-shell jfr FILE ...} run in this JVM: exit statuses, one-line errors, JSON equal to the JDK's counts. */
class JfrFileCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path one;

    @BeforeAll
    static void record() throws IOException {
        one = TestRecordings.record(dir.resolve("one.jfr"), 500);
    }

    record Result(int code, String out, String err) {
    }

    static synchronized Result run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, Charset.defaultCharset()));
            System.setErr(new PrintStream(err, true, Charset.defaultCharset()));
            int code = Main.run(args);
            return new Result(code, out.toString(Charset.defaultCharset()), err.toString(Charset.defaultCharset()));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void summaryAsJsonCountsEqualTheJdks() throws IOException {
        Result r = run("jfr", one.toString(), "summary", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        Map<String, Long> counts = new TreeMap<>();
        doc.get("events").forEach(e -> counts.put(e.get("type").asText(), e.get("count").asLong()));
        assertEquals(TestRecordings.jdkCounts(one), counts);
        assertEquals(one.toString(), doc.get("files").get(0).asText());
    }

    @Test
    void withoutASubcommandItIsTheSummary() {
        Result r = run("jfr", one.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("recording:  " + one + "\n"), r.out());
        assertTrue(r.out().contains("\n sashell.Marker "), r.out());
    }

    @Test
    void optionsOfTheSubcommandPassThrough() {
        Result r = run("jfr", one.toString(), "heap", "--width", "50", "-n", "1");
        assertEquals(0, r.code(), r.err());
        for (String line : r.out().split("\n")) {
            if (line.contains("┤") || line.contains("└")) {
                assertTrue(line.length() <= 50, line);
            }
        }
    }

    @Test
    void aRandomFileNamedJfrIsOneLineAndExitOne() throws IOException {
        byte[] b = new byte[1000];
        new java.util.Random(1).nextBytes(b);
        b[0] = 'x';
        b[1] = 'y';
        b[2] = 'z';
        b[3] = '!';
        Path f = Files.write(dir.resolve("random.jfr"), b);
        Result r = run("jfr", f.toString(), "gc");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals(f + ": not a flight recording: it starts with 78 79 7a 21, not JFR's magic bytes 46 4c 52 00 "
                + "(FLR)\n", r.err());
    }

    @Test
    void aCutRecordingIsReadAsFarAsItIsWhole() throws IOException {
        Path cut = TestRecordings.concat(dir.resolve("cut.jfr"), one, one, 1000);
        Result r = run("jfr", cut.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(1, doc.get("damage").size());
        assertTrue(doc.get("damage").get(0).asText().startsWith("cut.jfr: chunk 2 at byte "), doc.toString());
        Path short1 = TestRecordings.cut(dir.resolve("short.jfr"), one, Files.size(one) - 1);
        Result s = run("jfr", short1.toString());
        assertEquals(1, s.code());
        assertEquals(1, s.err().split("\n").length, s.err());
        assertTrue(s.err().startsWith(short1 + ": no whole chunk to read: chunk 1 at byte 0 is cut: "), s.err());
    }

    @Test
    void aMissingFileAndAnUnknownSubcommand() {
        Result missing = run("jfr", dir.resolve("nope.jfr").toString());
        assertEquals(1, missing.code());
        assertEquals(dir.resolve("nope.jfr") + ": no such file\n", missing.err());
        Result unknown = run("jfr", one.toString(), "heapp");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("Unmatched argument at index 1: 'heapp'"), unknown.err());
    }
}
