package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sashell.core.CoreNote;

class NoteScrubberTest {
    @Test
    void psargsVectorRegistersAndAtFullGeneralRegisters() {
        List<CoreNote> notes = List.of(new CoreNote("CORE", CoreNote.NT_PRPSINFO, 1000, 136),
                new CoreNote("CORE", CoreNote.NT_FPREGSET, 2000, 512),
                new CoreNote("LINUX", CoreNote.NT_X86_XSTATE, 3000, 2696),
                new CoreNote("CORE", CoreNote.NT_PRSTATUS, 6000, 336),
                new CoreNote("GDB", CoreNote.NT_PRPSINFO, 7000, 136));
        ZeroRanges z = new ZeroRanges();
        NoteScrubber.plan(notes, RedactLevel.BASIC, z);
        ZeroRanges.Disjoint d = ZeroRanges.union(List.of(z));
        assertEquals(80, d.bytes(RegionKind.PSARGS));
        assertEquals(384 + 384 + (2696 - 576), d.bytes(RegionKind.VECTOR_REGISTERS));
        assertEquals(0, d.bytes(RegionKind.GENERAL_REGISTERS));
        assertEquals(1056, d.starts()[0]);

        z = new ZeroRanges();
        NoteScrubber.plan(notes, RedactLevel.FULL, z);
        d = ZeroRanges.union(List.of(z));
        assertEquals(14 * 8, d.bytes(RegionKind.GENERAL_REGISTERS));
        // rbp (index 4), rip (16) and rsp (19) stay.
        long rbp = 6000 + 112 + 4 * 8;
        for (int i = 0; i < d.count(); i++) {
            assertEquals(false, d.starts()[i] <= rbp && rbp < d.ends()[i], "rbp is kept");
        }
    }
}
