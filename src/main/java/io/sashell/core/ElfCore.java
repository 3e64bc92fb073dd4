package io.sashell.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An ELF64 little-endian x86-64 core file (kernel core or gcore), opened read-only.
 *
 * <p>{@link #open} reads the ELF header, the program headers and the notes (cost: a few reads at the start
 * of the file); process memory is mapped only when {@link #memory()} is first called. A core shorter than
 * its program headers say still opens: {@link #truncation()} tells how much is missing and reads of the
 * missing bytes throw {@link UnreadableMemoryException}.
 */
public final class ElfCore implements AutoCloseable {
    public static final long AT_PHDR = 3;
    public static final long AT_PAGESZ = 6;
    public static final long AT_ENTRY = 9;
    public static final long AT_EXECFN = 31;

    static final int NT_PRSTATUS = 1;
    static final int NT_PRPSINFO = 3;
    static final int NT_AUXV = 6;
    static final int NT_SIGINFO = 0x53494749;
    static final int NT_FILE = 0x46494c45;

    static final int PT_LOAD = 1;
    static final int PT_NOTE = 4;
    static final int ET_CORE = 4;
    static final int EM_X86_64 = 62;
    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int PN_XNUM = 0xffff;
    private static final long MAX_NOTES = 1L << 30;
    private static final int MAX_EXECFN = 4096;

    private final Path path;
    private final FileChannel channel;
    private final long fileLength;
    private final List<LoadSegment> segments;
    private final List<MappedFile> mappedFiles;
    private final ProcessInfo processInfo;
    private final CoreSignal signal;
    private final List<Integer> threadIds;
    private final List<CoreNote> notes;
    private final Map<Long, Long> auxv;
    private final boolean gcore;
    private final Truncation truncation;
    private final int sliceShift;
    /** The note segments' bytes, digested on first use ({@link #notesDigest}): only the index needs it. */
    private final List<ByteBuffer> noteBytes;
    private String notesDigest;
    private CoreMemory memory;

    private ElfCore(Path path, FileChannel channel, Parsed p, int sliceShift) {
        this.path = path;
        this.channel = channel;
        this.fileLength = p.fileLength;
        this.segments = List.copyOf(p.segments);
        this.mappedFiles = List.copyOf(p.mappedFiles);
        this.processInfo = p.processInfo;
        this.signal = p.signal;
        this.threadIds = List.copyOf(p.threadIds);
        this.notes = List.copyOf(p.notes);
        this.auxv = Collections.unmodifiableMap(p.auxv);
        this.gcore = p.gcore;
        this.truncation = p.truncation;
        this.sliceShift = sliceShift;
        this.noteBytes = List.copyOf(p.noteBytes);
    }

    /**
     * Opens a core. Cost: reads the headers and notes (a few hundred KB for a JVM with hundreds of threads).
     *
     * @throws CoreFileException when the file is missing, unreadable, not an ELF file, not a core, not
     *     x86-64, or so short that its program headers are missing
     */
    public static ElfCore open(Path path) throws CoreFileException {
        return open(path, CoreMemory.DEFAULT_SLICE_SHIFT);
    }

    /** As {@link #open(Path)}, mapping memory in slices of 2^sliceShift bytes (small in tests). */
    static ElfCore open(Path path, int sliceShift) throws CoreFileException {
        if (Files.isDirectory(path)) {
            throw new CoreFileException(path, "is a directory, not a core file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CoreFileException(path, "no such file");
        } catch (AccessDeniedException e) {
            throw new CoreFileException(path, "cannot read the file (permission denied)");
        } catch (IOException e) {
            throw new CoreFileException(path, "cannot read the file (" + e.getMessage() + ")", e);
        }
        try {
            Parsed parsed = parse(path, channel);
            return new ElfCore(path, channel, parsed, sliceShift);
        } catch (CoreFileException e) {
            closeQuietly(channel, e);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw new CoreFileException(path, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    public Path path() {
        return path;
    }

    /** Length of the file on disk. */
    public long fileLength() {
        return fileLength;
    }

    /** The PT_LOAD segments, sorted by address. */
    public List<LoadSegment> segments() {
        return segments;
    }

    /** The NT_FILE entries in the order the kernel wrote them (by address). */
    public List<MappedFile> mappedFiles() {
        return mappedFiles;
    }

    /** The NT_FILE entry whose range holds {@code address}. Cost: a scan of the entries. */
    public Optional<MappedFile> mappedFileAt(long address) {
        return mappedFiles.stream().filter(f -> f.contains(address)).findFirst();
    }

    /**
     * The NT_FILE entry of {@code path} (compared without a " (deleted)" marker) that maps the file's start
     * (file offset 0), where its ELF header lies.
     */
    public Optional<MappedFile> headerMapping(String path) {
        return mappedFiles.stream().filter(f -> f.fileOffset() == 0 && f.filePath().equals(path)).findFirst();
    }

    public Optional<ProcessInfo> processInfo() {
        return Optional.ofNullable(processInfo);
    }

    public Optional<CoreSignal> signal() {
        return Optional.ofNullable(signal);
    }

    /** The thread ids of all NT_PRSTATUS notes; the first is the thread that took the signal. */
    public List<Integer> threadIds() {
        return threadIds;
    }

    /** Every note of the core's PT_NOTE segments, in file order, with where its descriptor lies in the file. */
    public List<CoreNote> notes() {
        return notes;
    }

    /** NT_AUXV as type → value, in note order. */
    public Map<Long, Long> auxv() {
        return auxv;
    }

    public OptionalLong auxv(long type) {
        Long value = auxv.get(type);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** AT_EXECFN: the path the program was started with (as given to execve, maybe relative or a symlink). */
    public Optional<String> execFn() {
        OptionalLong address = auxv(AT_EXECFN);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(memory().readCString(address.getAsLong(), MAX_EXECFN));
        } catch (UnreadableMemoryException e) {
            return Optional.empty();
        }
    }

    /** The real path of the main executable: the NT_FILE entry holding AT_ENTRY (or AT_PHDR). */
    public Optional<String> executablePath() {
        for (long type : new long[] {AT_ENTRY, AT_PHDR}) {
            OptionalLong address = auxv(type);
            if (address.isPresent()) {
                Optional<MappedFile> file = mappedFileAt(address.getAsLong());
                if (file.isPresent()) {
                    return Optional.of(file.get().filePath());
                }
            }
        }
        return Optional.empty();
    }

    /** True for cores written by gdb's gcore (they carry a "GDB" note). */
    public boolean isGcore() {
        return gcore;
    }

    /**
     * SHA-256 of the bytes of every note segment, in hex: with the file's size and time, what tells one core
     * from another (its threads' registers, its process id and start arguments, its mapped files).
     */
    public synchronized String notesDigest() {
        if (notesDigest == null) {
            MessageDigest digest = sha256();
            for (ByteBuffer b : noteBytes) {
                digest.update(b.duplicate());
            }
            notesDigest = HexFormat.of().formatHex(digest.digest());
        }
        return notesDigest;
    }

    /** Present when the file is shorter than its program headers say. */
    public Optional<Truncation> truncation() {
        return Optional.ofNullable(truncation);
    }

    /** The process memory. Cost: the first call maps the file (no copy); later calls return the same reader. */
    public synchronized CoreMemory memory() {
        if (memory == null) {
            try {
                memory = new CoreMemory(channel, segments, fileLength, sliceShift);
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": cannot map the core (" + e.getMessage() + ")", e);
            }
        }
        return memory;
    }

    /** Closes the file. Maps already made stay valid until they are garbage collected. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static final class Parsed {
        long fileLength;
        final List<LoadSegment> segments = new ArrayList<>();
        final List<MappedFile> mappedFiles = new ArrayList<>();
        ProcessInfo processInfo;
        CoreSignal signal;
        final List<Integer> threadIds = new ArrayList<>();
        final List<CoreNote> notes = new ArrayList<>();
        final Map<Long, Long> auxv = new LinkedHashMap<>();
        boolean gcore;
        Truncation truncation;
        final List<ByteBuffer> noteBytes = new ArrayList<>();
        int firstCursig = -1;
        ByteBuffer firstSiginfo;
    }

    private static Parsed parse(Path path, FileChannel ch) throws IOException, CoreFileException {
        Parsed p = new Parsed();
        p.fileLength = ch.size();
        ByteBuffer h = read(ch, 0, (int) Math.min(EHDR_SIZE, p.fileLength));
        if (p.fileLength == 0) {
            throw new CoreFileException(path, "not an ELF file (empty file)");
        }
        if (h.limit() < 4 || h.getInt(0) != 0x464c457f) {
            throw new CoreFileException(path, "not an ELF file");
        }
        if (h.limit() < EHDR_SIZE) {
            throw new CoreFileException(path, "truncated ELF header (" + p.fileLength + " bytes)");
        }
        int elfClass = h.get(4);
        int data = h.get(5);
        if (elfClass == 1) {
            throw new CoreFileException(path, "a 32-bit ELF file; only 64-bit x86-64 cores are supported");
        }
        if (elfClass != 2) {
            throw new CoreFileException(path, "not an ELF file (unknown class " + elfClass + ")");
        }
        if (data == 2) {
            throw new CoreFileException(path, "a big-endian ELF file; only little-endian x86-64 cores are supported");
        }
        if (data != 1) {
            throw new CoreFileException(path, "not an ELF file (unknown byte order " + data + ")");
        }
        int type = Short.toUnsignedInt(h.getShort(16));
        if (type != ET_CORE) {
            throw new CoreFileException(path, "an ELF file but not a core (type " + typeName(type) + ")");
        }
        int machine = Short.toUnsignedInt(h.getShort(18));
        if (machine != EM_X86_64) {
            throw new CoreFileException(path, "a core of " + machineName(machine)
                    + "; only x86-64 cores are supported");
        }
        long phoff = h.getLong(32);
        long shoff = h.getLong(40);
        int phentsize = Short.toUnsignedInt(h.getShort(54));
        long phnum = Short.toUnsignedInt(h.getShort(56));
        if (phnum == PN_XNUM) {
            // More than 65534 segments: the real count is in section header 0's sh_info.
            if (shoff <= 0 || shoff + 64 > p.fileLength) {
                throw new CoreFileException(path, "truncated core: the segment count (section header 0) is missing");
            }
            phnum = Integer.toUnsignedLong(read(ch, shoff + 44, 4).getInt(0));
        }
        if (phnum > 0 && phentsize != PHDR_SIZE) {
            throw new CoreFileException(path, "corrupt ELF header (program header size " + phentsize + ")");
        }
        long phEnd = phoff + phnum * PHDR_SIZE;
        if (phoff < 0 || phEnd > p.fileLength || phEnd < phoff) {
            throw new CoreFileException(path, "truncated core: program headers missing (file is "
                    + p.fileLength + " bytes, headers end at " + phEnd + ")");
        }
        ByteBuffer ph = read(ch, phoff, (int) (phnum * PHDR_SIZE));
        long expected = phEnd;
        int cut = 0;
        List<long[]> noteAreas = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int base = i * PHDR_SIZE;
            int ptype = ph.getInt(base);
            int flags = ph.getInt(base + 4);
            long offset = ph.getLong(base + 8);
            long vaddr = ph.getLong(base + 16);
            long fileSize = ph.getLong(base + 32);
            long memSize = ph.getLong(base + 40);
            if (fileSize < 0 || offset < 0 || offset + fileSize < 0) {
                throw new CoreFileException(path, "corrupt program header " + i);
            }
            if (fileSize > 0) {
                expected = Math.max(expected, offset + fileSize);
            }
            if (ptype == PT_LOAD) {
                p.segments.add(new LoadSegment(vaddr, memSize, offset, fileSize, flags));
                if (fileSize > 0 && offset + fileSize > p.fileLength) {
                    cut++;
                }
            } else if (ptype == PT_NOTE && fileSize > 0) {
                noteAreas.add(new long[] {offset, fileSize});
            }
        }
        p.segments.sort((a, b) -> Long.compareUnsigned(a.vaddr(), b.vaddr()));
        if (expected > p.fileLength) {
            p.truncation = new Truncation(expected, p.fileLength, cut);
        }
        for (long[] area : noteAreas) {
            long size = Math.min(area[1], p.fileLength - area[0]);
            if (size > MAX_NOTES) {
                throw new CoreFileException(path, "corrupt note segment (" + size + " bytes)");
            }
            if (size > 0) {
                ByteBuffer bytes = read(ch, area[0], (int) size);
                p.noteBytes.add(bytes.asReadOnlyBuffer());
                for (ElfNote note : ElfNote.parse(bytes)) {
                    p.notes.add(new CoreNote(note.name(), note.type(), area[0] + note.descOffset(),
                            note.desc().limit()));
                    readNote(path, note, p);
                }
            }
        }
        if (!p.threadIds.isEmpty()) {
            p.signal = signalOf(p);
        }
        return p;
    }

    private static void readNote(Path path, ElfNote note, Parsed p) throws CoreFileException {
        if (note.name().equals("GDB")) {
            p.gcore = true;
            return;
        }
        if (!note.name().equals("CORE")) {
            return;
        }
        ByteBuffer d = note.desc();
        switch (note.type()) {
            case NT_PRSTATUS:
                if (d.limit() >= 36) {
                    if (p.threadIds.isEmpty()) {
                        p.firstCursig = Short.toUnsignedInt(d.getShort(12));
                    }
                    p.threadIds.add(d.getInt(32));
                }
                break;
            case NT_PRPSINFO:
                if (d.limit() >= 136) {
                    p.processInfo = new ProcessInfo(d.getInt(24), d.getInt(28), d.getInt(16), d.getInt(20),
                            cString(d, 40, 16), cString(d, 56, 80).stripTrailing());
                }
                break;
            case NT_SIGINFO:
                if (p.firstSiginfo == null && d.limit() >= 24) {
                    p.firstSiginfo = d;
                }
                break;
            case NT_AUXV:
                for (int off = 0; off + 16 <= d.limit(); off += 16) {
                    long key = d.getLong(off);
                    if (key == 0) {
                        break;
                    }
                    p.auxv.putIfAbsent(key, d.getLong(off + 8));
                }
                break;
            case NT_FILE:
                p.mappedFiles.addAll(parseFileNote(path, d));
                break;
            default:
                break;
        }
    }

    /** NT_FILE: count, page size, count × (start, end, offset in pages), then count NUL-terminated paths. */
    static List<MappedFile> parseFileNote(Path path, ByteBuffer d) throws CoreFileException {
        if (d.limit() < 16) {
            throw new CoreFileException(path, "corrupt NT_FILE note (" + d.limit() + " bytes)");
        }
        long count = d.getLong(0);
        long pageSize = d.getLong(8);
        if (count < 0 || count > (d.limit() - 16) / 24) {
            throw new CoreFileException(path, "corrupt NT_FILE note (" + count + " entries do not fit in "
                    + d.limit() + " bytes)");
        }
        if (pageSize <= 0) {
            throw new CoreFileException(path, "corrupt NT_FILE note (page size " + pageSize + ")");
        }
        int n = (int) count;
        List<MappedFile> files = new ArrayList<>(n);
        int s = 16 + n * 24;
        for (int i = 0; i < n; i++) {
            int e = s;
            while (e < d.limit() && d.get(e) != 0) {
                e++;
            }
            if (e >= d.limit()) {
                throw new CoreFileException(path, "corrupt NT_FILE note (" + i + " of " + n + " paths present)");
            }
            byte[] name = new byte[e - s];
            d.get(s, name);
            int base = 16 + i * 24;
            long fileOffset;
            try {
                fileOffset = Math.multiplyExact(d.getLong(base + 16), pageSize);
            } catch (ArithmeticException overflow) {
                throw new CoreFileException(path, "corrupt NT_FILE note (offset of entry " + i + " overflows)");
            }
            files.add(new MappedFile(d.getLong(base), d.getLong(base + 8), fileOffset,
                    new String(name, StandardCharsets.UTF_8)));
            s = e + 1;
        }
        return files;
    }

    private static CoreSignal signalOf(Parsed p) {
        int tid = p.threadIds.get(0);
        ByteBuffer si = p.firstSiginfo;
        if (si == null) {
            // Old kernels write no NT_SIGINFO: the thread's pr_cursig is all there is.
            return new CoreSignal(p.firstCursig, 0, tid, p.firstCursig, OptionalInt.empty(), OptionalLong.empty());
        }
        int signo = si.getInt(0);
        int code = si.getInt(8);
        OptionalInt sender = code <= 0 ? OptionalInt.of(si.getInt(16)) : OptionalInt.empty();
        OptionalLong fault = CoreSignal.isFault(signo, code) ? OptionalLong.of(si.getLong(16)) : OptionalLong.empty();
        return new CoreSignal(signo, code, tid, p.firstCursig, sender, fault);
    }

    private static String cString(ByteBuffer d, int offset, int max) {
        int end = offset;
        while (end < offset + max && d.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        d.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String typeName(int type) {
        switch (type) {
            case 0: return "NONE";
            case 1: return "REL";
            case 2: return "EXEC";
            case 3: return "DYN";
            case 4: return "CORE";
            default: return "0x" + Integer.toHexString(type);
        }
    }

    private static String machineName(int machine) {
        switch (machine) {
            case 3: return "machine i386";
            case 40: return "machine arm";
            case 183: return "machine aarch64";
            case 243: return "machine riscv";
            case 21: return "machine ppc64";
            case 22: return "machine s390";
            default: return "machine " + machine;
        }
    }

    /** Reads exactly {@code size} bytes at {@code offset}; the caller has checked they are in the file. */
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static ByteBuffer read(FileChannel ch, long offset, int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new EOFException("end of file at offset " + (offset + b.position()));
            }
        }
        return b.flip();
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
