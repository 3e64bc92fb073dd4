package io.sashell.redact;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import io.sashell.core.CoreNote;

/**
 * Plans what redaction zeroes in the core's notes: the process arguments of NT_PRPSINFO ({@code pr_psargs},
 * the first 80 bytes of the command line), the x87/MMX and SSE registers of NT_FPREGSET (an FXSAVE image) and
 * those plus every extended state component (AVX, AVX-512, ...) of NT_X86_XSTATE: vector registers hold the
 * bytes of strings being copied or compared. {@code full} also zeroes the general registers but rip, rsp and
 * rbp (and the segment, flag and thread-pointer registers), which are all SA reads to walk stacks, and but
 * those pointing into the Java heap. The
 * FXSAVE control words, the software-reserved bytes (XCR0, the state's size) and the XSAVE header stay, so
 * debuggers still parse the notes.
 */
final class NoteScrubber {
    static final int PSARGS_OFFSET = 56;
    static final int PSARGS_SIZE = 80;
    /** FXSAVE: ST0-7/MM0-7 from byte 32, XMM0-15 from byte 160 to 416. */
    static final int FX_REGISTERS_FROM = 32;
    static final int FX_REGISTERS_TO = 416;
    /** XSAVE: the legacy area is 512 bytes, the header 64; extended components follow. */
    static final int XSAVE_EXTENDED_FROM = 576;
    /** user_regs_struct indexes zeroed by full: r15..r12, rbx, r11..r8, rax, rcx, rdx, rsi, rdi. */
    static final int[] GENERAL_REGISTERS = {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

    private NoteScrubber() {
    }

    /**
     * @param keepRegister general registers {@code full} keeps although they are not rip, rsp or rbp: values
     *                     that point into the Java heap, which the graph index takes as conservative roots of a
     *                     thread stopped in running code (zeroed, an object held only in a register was no
     *                     longer live); an address is not data
     */
    static void plan(List<CoreNote> notes, List<ThreadRegisters> threads, LongPredicate keepRegister,
                     RedactLevel level, ZeroRanges out) {
        Map<Long, long[]> registers = new HashMap<>();
        threads.forEach(t -> registers.put(t.descOffset(), t.regs()));
        for (CoreNote n : notes) {
            if (!n.name().equals("CORE") && !n.name().equals("LINUX")) {
                continue;
            }
            long d = n.descOffset();
            long size = n.descSize();
            switch (n.type()) {
                case CoreNote.NT_PRPSINFO -> {
                    if (size >= PSARGS_OFFSET + PSARGS_SIZE) {
                        out.add(d + PSARGS_OFFSET, d + PSARGS_OFFSET + PSARGS_SIZE, RegionKind.PSARGS);
                    }
                }
                case CoreNote.NT_FPREGSET -> {
                    if (size >= FX_REGISTERS_TO) {
                        out.add(d + FX_REGISTERS_FROM, d + FX_REGISTERS_TO, RegionKind.VECTOR_REGISTERS);
                    }
                }
                case CoreNote.NT_X86_XSTATE -> {
                    if (size >= FX_REGISTERS_TO) {
                        out.add(d + FX_REGISTERS_FROM, d + FX_REGISTERS_TO, RegionKind.VECTOR_REGISTERS);
                    }
                    if (size > XSAVE_EXTENDED_FROM) {
                        out.add(d + XSAVE_EXTENDED_FROM, d + size, RegionKind.VECTOR_REGISTERS);
                    }
                }
                case CoreNote.NT_PRSTATUS -> {
                    if (level == RedactLevel.FULL
                            && size >= ThreadRegisters.PR_REG + ThreadRegisters.REG_COUNT * 8) {
                        long[] values = registers.get(d);
                        for (int r : GENERAL_REGISTERS) {
                            if (values != null && keepRegister.test(values[r])) {
                                continue;
                            }
                            long at = d + ThreadRegisters.PR_REG + r * 8L;
                            out.add(at, at + 8, RegionKind.GENERAL_REGISTERS);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }
}
