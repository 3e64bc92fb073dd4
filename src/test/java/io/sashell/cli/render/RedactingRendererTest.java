package io.sashell.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sashell.analysis.InfoResult;
import io.sashell.analysis.ProcessFacts;
import io.sashell.sa.FieldFacts;
import io.sashell.sa.FrameFacts;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.ObjectFacts;
import io.sashell.sa.StackFacts;
import io.sashell.sa.VmFacts;

class RedactingRendererTest {

    private static String render(java.util.function.Consumer<Renderer> call, boolean json) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        Renderer base = json ? Renderer.json(w) : Renderer.text(w);
        call.accept(Renderer.redacting(base));
        w.flush();
        return s.toString();
    }

    @Test
    void inspectKeepsStructureAndHidesValues() {
        ObjectFacts string = new ObjectFacts(0x2000, 0x10, "java.lang.String", 24, -1, "\"hunter2-secret\"",
                List.of(new FieldFacts("value", "byte[]", "0x3000 byte[]", 0x3000, "byte[]"),
                        new FieldFacts("coder", "byte", "0", 0, "")), 0, List.of());
        ObjectFacts holder = new ObjectFacts(0x1000, 0x20, "x.Holder", 32, -1, "",
                List.of(new FieldFacts("pin", "long", "123456789", 0, ""),
                        new FieldFacts("name", "java.lang.String", "0x2000 java.lang.String \"hunter2-secret\"",
                                0x2000, "java.lang.String"),
                        new FieldFacts("next", "x.Holder", "null", 0, "")), 0, List.of(string));
        for (boolean json : List.of(false, true)) {
            String out = render(r -> r.object(holder), json);
            assertFalse(out.contains("hunter2"), out);
            assertFalse(out.contains("123456789"), out);
            assertTrue(out.contains("0x2000"), out);
            assertTrue(out.contains("x.Holder"), out);
            assertTrue(out.contains("null"), out);
        }
        ObjectFacts r = RedactingRenderer.redacted(holder);
        assertEquals(List.of("<redacted>", "0x2000 java.lang.String", "null"),
                r.fields().stream().map(FieldFacts::value).toList());
        assertEquals("<redacted>", r.children().get(0).text());
        assertEquals("<redacted>", r.children().get(0).fields().get(1).value());
    }

    @Test
    void threadsStacksAndInfoHideNamesAndTheCommandLine() {
        JavaThreadFacts t = new JavaThreadFacts(0, "worker-s3cret", 7, 1234, "RUNNABLE", "IN_JAVA", false, 0x10, 0x20);
        String threads = render(r -> r.threads(List.of(t), -1), false);
        assertFalse(threads.contains("s3cret"), threads);
        assertTrue(threads.contains("1234"), threads);
        String stacks = render(r -> r.stacks(List.of(new StackFacts(t,
                List.of(new FrameFacts("x.Main", "run", "()V", 3, 42, "interpreted")), "")), -1), false);
        assertFalse(stacks.contains("s3cret"), stacks);
        assertTrue(stacks.contains("x.Main"), stacks);
        ProcessFacts p = new ProcessFacts(1, "java -Dpassword=s3cret Main", 6, "SIGABRT", 1, "/bin/java", "/jdk", "",
                false, List.of(1L), Optional.empty());
        VmFacts vm = new VmFacts("17", "vm", "v", "G1", 1, 1, true, true, false, 8, "-XX:Flag=s3cret",
                "-Dpassword=s3cret", "Main s3cret", Map.of("user.dir", "/home/s3cret"));
        for (boolean json : List.of(false, true)) {
            String info = render(r -> r.info(new InfoResult("core", p, vm, "worker-s3cret", List.of(), 0)), json);
            assertFalse(info.contains("s3cret"), info);
            assertTrue(info.contains("SIGABRT") || info.contains("6"), info);
        }
    }

    @Test
    void threadNamesLeaveRootsAndNotes() {
        assertEquals("Java Local of thread \"<redacted>\"",
                RedactingRenderer.threadNamesOut("Java Local of thread \"worker \\\"7\\\"\"", List.of()));
        assertEquals("roots: thread \"<redacted>\" frame 1 Main.main:3", RedactingRenderer.threadNamesOut(
                "roots: thread \"main\" frame 1 Main.main:3", List.of()));
        assertEquals("held by \"<redacted>\", in Main.main", RedactingRenderer.threadNamesOut(
                "held by \"main\", in Main.main", List.of("main")));
        io.sashell.analysis.RootRef root = RedactingRenderer.root(new io.sashell.analysis.RootRef(
                io.sashell.sa.RootKind.values()[0], "local 3 of \"pool-1\" in Main.run", "pool-1"));
        assertEquals("local 3 of \"<redacted>\" in Main.run", root.description());
        assertEquals("<redacted>", root.threadName());
    }
}
