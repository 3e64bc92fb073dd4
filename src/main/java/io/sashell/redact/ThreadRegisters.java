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
 * {@code pr_reg}, a {@code user_regs_struct}, starts at byte 112 of the descriptor).
 */
record ThreadRegisters(int tid, long rip, long rsp, long rbp) {
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
            out.add(new ThreadRegisters(d.getInt(PR_PID), d.getLong(PR_REG + REG_RIP * 8),
                    d.getLong(PR_REG + REG_RSP * 8), d.getLong(PR_REG + REG_RBP * 8)));
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
