package io.sashell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HtmlReportTest {
    private static final String HOSTILE = "</script><script>alert(1)</script><!--";

    /** A report of one suspect held by a thread, one cell with fields, one thread. */
    static Report sample(String className, String threadName) {
        Report.Obj o = new Report.Obj("0x1000", className, 24);
        Report.GcPath path = new Report.GcPath("Thread (thread object of \"" + threadName + "\"): java.lang.Thread 0x900",
                List.of(new Report.Hop(new Report.Obj("0x900", "java.lang.Thread", 120), "java.lang.Thread.target", o)));
        Report.Suspect s = new Report.Suspect("object", "thread \"" + threadName + "\"", o, 1, 4096, 40.0, null, path,
                "One " + className + " held by thread \"" + threadName + "\" retains 4,096 bytes.");
        Report.Detail d = new Report.Detail(path, List.of(new Report.Field("count", "int", "42", "", ""),
                new Report.Field("name", "java.lang.String", "0x2000 java.lang.String \"s3cret\"", "0x2000",
                        "java.lang.String"), new Report.Field("next", "java.lang.Object", "null", "", "")), "", 0);
        Report.Treemap t = new Report.Treemap(10240, List.of(
                new Report.Node(-1, "", "GC roots", 0, 10240, "", 1, 1, false, -1),
                new Report.Node(0, "0x1000", className, 24, 4096, "Thread of thread \"" + threadName + "\"", 0, 1,
                        false, 0)), List.of(d));
        Report.Summary sum = new Report.Summary("/tmp/core", "17.0.15", "Debian", "G1", 64 << 20, 8 << 20, 10240, 3,
                42, "java -Dpassword=hunter2 Main", 6, "SIGABRT", 43, threadName, List.of(), "");
        return new Report(sum, 10, List.of(s), t, List.of(new Report.ClassRow(className, "bootstrap", 1, 24, 4096)),
                1, List.of(), List.of(), List.of(new Report.ThreadStack(1, threadName, 43, "RUNNABLE", false, true,
                        List.of(new Report.Frame("Main.main", 3, "interpreted")))), null, null, "no recording",
                List.of(new Report.Command("suspects", "suspects")), false);
    }

    private static JsonNode embedded(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(m.find());
        return new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void dataCannotCloseItsScriptElement() throws Exception {
        String html = HtmlReport.html(sample(HOSTILE, "worker-1"));
        assertFalse(html.contains("<script>alert"), "the data broke out of its element");
        assertEquals(2, html.split("</script>", -1).length - 1, "the template's two script elements only");
        assertEquals(HOSTILE, embedded(html).get("suspects").get(0).get("object").get("className").asText());
    }

    @Test
    void thePageFetchesNothing() {
        String html = HtmlReport.html(sample("Main", "worker-1"));
        assertTrue(html.contains("default-src 'none'"), "the policy forbids every fetch");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find());
        assertFalse(html.contains("/*CSS*/") || html.contains("/*JS*/") || html.contains("/*DATA*/"));
    }

    @Test
    void redactionKeepsStructureAndDropsValuesAndThreadNames() throws Exception {
        Report r = ReportRedaction.redact(sample("Main", "pay-worker-7"), Set.of("pay-worker-7", "main"));
        String html = HtmlReport.html(r);
        for (String secret : List.of("pay-worker-7", "hunter2", "s3cret", "\"42\"")) {
            assertFalse(html.contains(secret), secret);
        }
        JsonNode data = embedded(html);
        assertTrue(data.get("redacted").asBoolean());
        assertEquals("thread <redacted>", data.get("suspects").get(0).get("holder").asText());
        assertEquals("Thread (thread object of <redacted>): java.lang.Thread 0x900",
                data.get("suspects").get(0).get("path").get("root").asText());
        JsonNode fields = data.get("treemap").get("details").get(0).get("fields");
        assertEquals("<redacted>", fields.get(0).get("value").asText());
        assertEquals("0x2000 java.lang.String", fields.get(1).get("value").asText());
        assertEquals("null", fields.get(2).get("value").asText());
        assertEquals("<redacted>", data.get("threads").get(0).get("name").asText());
        assertEquals("<redacted>", data.get("summary").get("command").asText());
        // A class whose name contains a thread's name keeps it: only quoted names are thread names.
        assertEquals("Main", data.get("histogram").get(0).get("className").asText());
    }

    @Test
    void writesMode0600AndRefusesTheCore(@TempDir Path dir) throws Exception {
        Path core = Files.writeString(dir.resolve("core"), "core bytes");
        Path out = dir.resolve("r.html");
        ReportResult r = HtmlReport.write(sample("Main", "w"), out, core, System.nanoTime());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals(Files.size(out), r.bytes());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("core", "r.html"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> HtmlReport.write(sample("Main", "w"), core, core, System.nanoTime()));
        assertEquals("it is the core itself; choose another output file", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> HtmlReport.write(sample("Main", "w"), dir.resolve("no/r.html"), core, System.nanoTime()));
        assertEquals("no such directory " + dir.resolve("no"), e.getMessage());
        assertEquals("core bytes", Files.readString(core));
    }
}
