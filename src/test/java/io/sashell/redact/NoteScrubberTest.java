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
        long[] regs = new long[ThreadRegisters.REG_COUNT];
        regs[10] = 0xf000_1000L; // rax holds a heap address: full keeps it
        regs[11] = 0x6867_6665_6463_6261L; // rcx holds string bytes
        List<ThreadRegisters> threads = List.of(new ThreadRegisters(1, 0, 0, 0, 6000, regs));
        java.util.function.LongPredicate heap = v -> v >= 0xf000_0000L && v < 0x1_0000_0000L;
        ZeroRanges z = new ZeroRanges();
        NoteScrubber.plan(notes, threads, heap, RedactLevel.BASIC, z);
        ZeroRanges.Disjoint d = ZeroRanges.union(List.of(z));
        assertEquals(80, d.bytes(RegionKind.PSARGS));
        assertEquals(384 + 384 + (2696 - 576), d.bytes(RegionKind.VECTOR_REGISTERS));
        assertEquals(0, d.bytes(RegionKind.GENERAL_REGISTERS));
        assertEquals(1056, d.starts()[0]);

        z = new ZeroRanges();
        NoteScrubber.plan(notes, threads, heap, RedactLevel.FULL, z);
        d = ZeroRanges.union(List.of(z));
        assertEquals(13 * 8, d.bytes(RegionKind.GENERAL_REGISTERS));
        // rbp (index 4), rax (10, a heap address), rip (16) and rsp (19) stay; rcx (11) goes.
        for (int r : new int[] {4, 10, 16, 19}) {
            long at = 6000 + 112 + r * 8L;
            for (int i = 0; i < d.count(); i++) {
                assertEquals(false, d.starts()[i] <= at && at < d.ends()[i], "register " + r + " is kept");
            }
        }
        long rcx = 6000 + 112 + 11 * 8L;
        boolean zeroed = false;
        for (int i = 0; i < d.count(); i++) {
            zeroed |= d.starts()[i] <= rcx && rcx < d.ends()[i];
        }
        assertEquals(true, zeroed, "rcx holds data");
    }
}
