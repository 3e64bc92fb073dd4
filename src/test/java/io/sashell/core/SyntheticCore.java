package io.sashell.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes tiny ELF64 x86-64 core files (and ELF objects) the way the kernel lays them out. */
final class SyntheticCore {
    static final int RW = LoadSegment.PF_R | LoadSegment.PF_W;
    static final int R = LoadSegment.PF_R;

    record Seg(long vaddr, long memSize, byte[] data, int flags) {
    }

    record FileEntry(long start, long end, long offsetInPages, String path) {
    }

    private int elfClass = 2;
    private int byteOrder = 1;
    private int type = ElfCore.ET_CORE;
    private int machine = ElfCore.EM_X86_64;
    private final List<Seg> segments = new ArrayList<>();
    private final ByteArrayOutputStream notes = new ByteArrayOutputStream();
    private long truncateTo = -1;

    SyntheticCore elfClass(int c) {
        elfClass = c;
        return this;
    }

    SyntheticCore byteOrder(int d) {
        byteOrder = d;
        return this;
    }

    SyntheticCore type(int t) {
        type = t;
        return this;
    }

    SyntheticCore machine(int m) {
        machine = m;
        return this;
    }

    SyntheticCore segment(long vaddr, long memSize, byte[] data) {
        return segment(vaddr, memSize, data, RW);
    }

    SyntheticCore segment(long vaddr, long memSize, byte[] data, int flags) {
        segments.add(new Seg(vaddr, memSize, data, flags));
        return this;
    }

    SyntheticCore truncateTo(long length) {
        truncateTo = length;
        return this;
    }

    SyntheticCore note(String name, int type, byte[] desc) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = le(12 + align4(n.length) + align4(desc.length));
        b.putInt(n.length).putInt(desc.length).putInt(type).put(n);
        b.position(12 + align4(n.length)).put(desc);
        notes.writeBytes(b.array());
        return this;
    }

    SyntheticCore prstatus(int tid, int cursig) {
        ByteBuffer d = le(336);
        d.putInt(0, cursig).putShort(12, (short) cursig).putInt(32, tid).putInt(36, 1);
        return note("CORE", ElfCore.NT_PRSTATUS, d.array());
    }

    SyntheticCore prpsinfo(int pid, int ppid, int uid, int gid, String fname, String psargs) {
        ByteBuffer d = le(136);
        d.putInt(16, uid).putInt(20, gid).putInt(24, pid).putInt(28, ppid);
        d.put(40, fname.getBytes(StandardCharsets.UTF_8)).put(56, psargs.getBytes(StandardCharsets.UTF_8));
        return note("CORE", ElfCore.NT_PRPSINFO, d.array());
    }

    /** siginfo_t: signo, errno, code, then a pid (int) or a fault address (long) at 16. */
    SyntheticCore siginfo(int signo, int code, long at16) {
        ByteBuffer d = le(128);
        d.putInt(0, signo).putInt(8, code).putLong(16, at16);
        return note("CORE", ElfCore.NT_SIGINFO, d.array());
    }

    SyntheticCore auxv(long... pairs) {
        ByteBuffer d = le(pairs.length * 8 + 16);
        for (long v : pairs) {
            d.putLong(v);
        }
        return note("CORE", ElfCore.NT_AUXV, d.array());
    }

    SyntheticCore files(long pageSize, FileEntry... entries) {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        ByteBuffer head = le(16 + 24 * entries.length);
        head.putLong(entries.length).putLong(pageSize);
        for (FileEntry e : entries) {
            head.putLong(e.start()).putLong(e.end()).putLong(e.offsetInPages());
            names.writeBytes((e.path() + "\0").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.writeBytes(head.array());
        d.writeBytes(names.toByteArray());
        return note("CORE", ElfCore.NT_FILE, d.toByteArray());
    }

    /** The file's bytes: ELF header, program headers (notes first), notes, then each segment's data. */
    byte[] bytes() {
        byte[] noteBytes = notes.toByteArray();
        int phnum = 1 + segments.size();
        long offset = 64 + 56L * phnum;
        long notesOffset = offset;
        offset = align(offset + noteBytes.length, 16);
        ByteBuffer ph = le(56 * phnum);
        ph.putInt(ElfCore.PT_NOTE).putInt(0).putLong(notesOffset).putLong(0).putLong(0)
                .putLong(noteBytes.length).putLong(0).putLong(4);
        List<Long> dataOffsets = new ArrayList<>();
        for (Seg s : segments) {
            dataOffsets.add(offset);
            ph.putInt(ElfCore.PT_LOAD).putInt(s.flags()).putLong(offset).putLong(s.vaddr()).putLong(0)
                    .putLong(s.data().length).putLong(s.memSize()).putLong(4096);
            offset = align(offset + s.data().length, 16);
        }
        ByteBuffer out = le((int) offset);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, (byte) byteOrder, 1});
        out.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1).putLong(32, 64)
                .putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) phnum);
        out.put(64, ph.array());
        out.put((int) notesOffset, noteBytes);
        for (int i = 0; i < segments.size(); i++) {
            out.put((int) (long) dataOffsets.get(i), segments.get(i).data());
        }
        byte[] all = out.array();
        if (truncateTo >= 0 && truncateTo < all.length) {
            byte[] cut = new byte[(int) truncateTo];
            System.arraycopy(all, 0, cut, 0, cut.length);
            return cut;
        }
        return all;
    }

    Path write(Path file) throws IOException {
        return writePrivate(file, bytes());
    }

    /** Writes a new file readable by its owner only, as every file the project writes. */
    static Path writePrivate(Path file, byte[] bytes) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        return file;
    }

    /**
     * A small ELF64 shared object: header, one PT_NOTE program header and a GNU build-id note (none when
     * {@code buildId} is null), padded to {@code size} bytes.
     */
    static byte[] elfObject(byte[] buildId, int size) {
        ByteBuffer b = le(size);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 3).putShort(18, (short) ElfCore.EM_X86_64).putInt(20, 1).putLong(32, 64)
                .putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 1);
        int noteOffset = 64 + 56;
        byte[] desc = buildId == null ? new byte[] {1, 2, 3, 4} : buildId;
        int type = buildId == null ? 1 : BuildIds.NT_GNU_BUILD_ID;
        int noteSize = 12 + 4 + align4(desc.length);
        b.putInt(64, 4).putLong(64 + 8, noteOffset).putLong(64 + 16, noteOffset).putLong(64 + 32, noteSize)
                .putLong(64 + 40, noteSize).putLong(64 + 48, 4);
        b.putInt(noteOffset, 4).putInt(noteOffset + 4, desc.length).putInt(noteOffset + 8, type)
                .put(noteOffset + 12, "GNU\0".getBytes(StandardCharsets.US_ASCII)).put(noteOffset + 16, desc);
        return b.array();
    }

    static byte[] filled(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private static long align(long n, long a) {
        return (n + a - 1) / a * a;
    }
}
