package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The hs_err scrubber on a log with every kind of section it treats (golden files in
 * src/test/resources/io/sashell/redact/): command line, thread names, registers and their memory mapping, top of
 * stack, instructions, stack slots, exception messages, string flags, environment variables, and a needle
 * (an argument) in a line no rule covers.
 */
class HsErrScrubberTest {
    private static final List<String> NEEDLES = List.of("arg1secret", "worker-secret", "abc");

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HsErrScrubberTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void basicKeepsGeneralRegistersAndDropsEveryMemoryDump() throws IOException {
        HsErrScrubber.Result r = HsErrScrubber.scrub(resource("hs_err-sample.log"), NEEDLES, RedactLevel.BASIC);
        assertEquals(new String(resource("hs_err-sample.basic.txt"), StandardCharsets.ISO_8859_1), r.text());
        assertEquals(10, r.linesDropped());
        for (String secret : List.of("SECRETVALUE1", "arg1secret", "worker-secret", "hunter2", "hunter3", "swordfish",
                "/home/alice", "secretdir", "app.jar", "4142434445464748", "48 89 e5", "XMM[0]", "MXCSR")) {
            assertFalse(r.text().contains(secret), secret);
        }
    }

    @Test
    void fullAlsoBlanksTheGeneralRegistersButRipRspAndRbp() throws IOException {
        HsErrScrubber.Result r = HsErrScrubber.scrub(resource("hs_err-sample.log"), NEEDLES, RedactLevel.FULL);
        assertEquals(new String(resource("hs_err-sample.full.txt"), StandardCharsets.ISO_8859_1), r.text());
    }

    @Test
    void needlesAreOverwrittenLongestFirstKeepingTheLength() {
        assertEquals("x=************ y=******", HsErrScrubber.overwrite("x=secret-token y=secret",
                List.of("secret-token", "secret")));
    }

    @Test
    void bytesThatAreNotAsciiPassThrough() {
        byte[] log = "Logging:\n caf\u00e9 \u2713 tok3n-value\n".getBytes(StandardCharsets.UTF_8);
        HsErrScrubber.Result r = HsErrScrubber.scrub(log, List.of("tok3n-value"), RedactLevel.BASIC);
        assertEquals("Logging:\n caf\u00e9 \u2713 ***********\n",
                new String(r.text().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
}
