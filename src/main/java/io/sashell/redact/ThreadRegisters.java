package io.sashell.redact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

import io.sashell.core.CoreNote;

/**
 * The registers of one thread as its NT_PRSTATUS note holds them ({@code struct elf_prstatus} of x86-64:
 * {@code pr_reg}, a {@code user_regs_struct}, starts at byte 112 of the descriptor); {@code regs} are all 27 of
 * them in {@code user_regs_struct} order, {@code descOffset} where the note's descriptor lies in the file.
 */
record ThreadRegisters(int tid, long rip, long rsp, long rbp, long descOffset, long[] regs) {
    static final int PR_REG = 112;
    static final int PR_PID = 32;
    static final int REG_RBP = 4;
    static final int REG_RIP = 16;
    static final int REG_RSP = 19;
    static final int REG_COUNT = 27;

    static List<ThreadRegisters> read(FileChannel core, List<CoreNote> notes) throws IOException {
        List<ThreadRegisters> out = new ArrayList<>();
        for (CoreNote n : notes) {
            if (!n.name().equals("CORE") || n.type() != CoreNote.NT_PRSTATUS || n.descSize() < PR_REG + REG_COUNT * 8) {
                continue;
            }
            ByteBuffer d = readFully(core, n.descOffset(), (int) n.descSize());
            long[] regs = new long[REG_COUNT];
            for (int r = 0; r < REG_COUNT; r++) {
                regs[r] = d.getLong(PR_REG + r * 8);
            }
            out.add(new ThreadRegisters(d.getInt(PR_PID), regs[REG_RIP], regs[REG_RSP], regs[REG_RBP],
                    n.descOffset(), regs));
        }
        return out;
    }

    static ByteBuffer readFully(FileChannel ch, long offset, int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                break;
            }
        }
        return b.flip().limit(size);
    }
}
