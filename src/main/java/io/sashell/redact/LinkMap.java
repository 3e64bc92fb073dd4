package io.sashell.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.sashell.core.ElfCore;
import io.sashell.core.MappedFile;
import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;

/**
 * The memory libsaproc reads in C while attaching, which SA's page cache never sees: the executable's ELF
 * and program headers and its dynamic section (for {@code DT_DEBUG}), the dynamic linker's {@code r_debug},
 * and each {@code link_map} of the list of loaded libraries with its name (the libraries' own dynamic
 * sections lie in their file mappings, which redaction keeps). These live in the dynamic linker's data and in
 * malloc memory, so {@code full} must keep them by address.
 */
final class LinkMap {
    private static final int PT_DYNAMIC = 2;
    private static final long DT_NULL = 0;
    private static final long DT_DEBUG = 21;
    private static final int ET_EXEC = 2;
    private static final int LINK_MAP_SIZE = 40;
    private static final int MAX_NAME = 4096;
    private static final int MAX_LIBRARIES = 10_000;

    private LinkMap() {
    }

    /** [start, end) address ranges to keep; empty when the executable's headers are not in the core. */
    static List<long[]> neededRanges(ElfCore elf, MemoryReader memory) {
        List<long[]> out = new ArrayList<>();
        Optional<String> exe = elf.executablePath();
        if (exe.isEmpty()) {
            return out;
        }
        Optional<MappedFile> header = elf.headerMapping(exe.get());
        if (header.isEmpty()) {
            return out;
        }
        long base = header.get().start();
        try {
            int type = memory.readByte(base + 16) & 0xFF;
            long phoff = memory.readLong(base + 32);
            int phnum = memory.readByte(base + 56) & 0xFF | (memory.readByte(base + 57) & 0xFF) << 8;
            out.add(new long[] {base, base + phoff + phnum * 56L});
            long bias = type == ET_EXEC ? 0 : base;
            long dynamic = 0;
            for (int i = 0; i < phnum; i++) {
                long ph = base + phoff + i * 56L;
                if (memory.readInt(ph) == PT_DYNAMIC) {
                    dynamic = bias + memory.readLong(ph + 16);
                }
            }
            if (dynamic == 0) {
                return out;
            }
            long rDebug = 0;
            long d = dynamic;
            for (int i = 0; i < 1000; i++, d += 16) {
                long tag = memory.readLong(d);
                if (tag == DT_DEBUG) {
                    rDebug = memory.readLong(d + 8);
                }
                if (tag == DT_NULL) {
                    break;
                }
            }
            out.add(new long[] {dynamic, d + 16});
            if (rDebug == 0) {
                return out;
            }
            out.add(new long[] {rDebug, rDebug + 40});
            long lm = memory.readLong(rDebug + 8);
            for (int n = 0; lm != 0 && n < MAX_LIBRARIES; n++) {
                out.add(new long[] {lm, lm + LINK_MAP_SIZE});
                long name = memory.readLong(lm + 8);
                if (name != 0) {
                    long e = name;
                    while (e < name + MAX_NAME && memory.readByte(e) != 0) {
                        e++;
                    }
                    out.add(new long[] {name, e + 1});
                }
                lm = memory.readLong(lm + 24);
            }
        } catch (UnreadableMemoryException e) {
            // Keep what was found; a core without these cannot be attached anyway.
        }
        return out;
    }
}
