package io.sashell.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * GNU build-ids (the NT_GNU_BUILD_ID note, shown as lowercase hex) of ELF files on disk and of ELF files
 * mapped in a core. Two files with the same build-id are the same build; SA itself never checks this.
 */
public final class BuildIds {
    static final int NT_GNU_BUILD_ID = 3;
    private static final int PT_NOTE = 4;
    private static final int SHT_NOTE = 7;
    private static final int MAX_HEADERS = 4096;
    private static final int MAX_NOTE_AREA = 1 << 20;

    private BuildIds() {
    }

    /**
     * The build-id of an ELF64 little-endian file, from its PT_NOTE segments (or SHT_NOTE sections when it
     * has no program headers). Empty when the file is not such an ELF file or has no build-id.
     * Cost: a few small reads at the start of the file.
     */
    public static Optional<String> ofFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 64) {
                return Optional.empty();
            }
            ByteBuffer h = ElfCore.read(ch, 0, 64);
            if (h.getInt(0) != 0x464c457f || h.get(4) != 2 || h.get(5) != 1) {
                return Optional.empty();
            }
            long phoff = h.getLong(32);
            int phentsize = Short.toUnsignedInt(h.getShort(54));
            int phnum = Short.toUnsignedInt(h.getShort(56));
            if (phnum > 0 && phentsize == 56 && phnum <= MAX_HEADERS && phoff > 0 && phoff + phnum * 56L <= size) {
                ByteBuffer ph = ElfCore.read(ch, phoff, phnum * 56);
                for (int i = 0; i < phnum; i++) {
                    if (ph.getInt(i * 56) == PT_NOTE) {
                        Optional<String> id = inArea(ch, size, ph.getLong(i * 56 + 8), ph.getLong(i * 56 + 32));
                        if (id.isPresent()) {
                            return id;
                        }
                    }
                }
            }
            long shoff = h.getLong(40);
            int shentsize = Short.toUnsignedInt(h.getShort(58));
            int shnum = Short.toUnsignedInt(h.getShort(60));
            if (shnum > 0 && shentsize == 64 && shnum <= MAX_HEADERS && shoff > 0 && shoff + shnum * 64L <= size) {
                ByteBuffer sh = ElfCore.read(ch, shoff, shnum * 64);
                for (int i = 0; i < shnum; i++) {
                    if (sh.getInt(i * 64 + 4) == SHT_NOTE) {
                        Optional<String> id = inArea(ch, size, sh.getLong(i * 64 + 24), sh.getLong(i * 64 + 32));
                        if (id.isPresent()) {
                            return id;
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The build-id of a file the core has mapped, read from the core's memory: the NT_FILE entry of
     * {@code path} (without any " (deleted)" marker) at file offset 0 holds its ELF header, whose program
     * headers lead to the PT_NOTE.
     * Empty when the file is not mapped from offset 0, its first page was not dumped, or it has no build-id.
     * Cost: three small reads of core memory.
     */
    public static Optional<String> ofMapped(ElfCore core, String path) {
        Optional<MappedFile> header = core.headerMapping(path);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        CoreMemory memory = core.memory();
        long start = header.get().start();
        try {
            byte[] ehdr = new byte[64];
            memory.read(start, ehdr, 0, 64);
            ByteBuffer h = ByteBuffer.wrap(ehdr).order(ByteOrder.LITTLE_ENDIAN);
            if (h.getInt(0) != 0x464c457f || h.get(4) != 2 || h.get(5) != 1) {
                return Optional.empty();
            }
            long phoff = h.getLong(32);
            int phnum = Short.toUnsignedInt(h.getShort(56));
            if (Short.toUnsignedInt(h.getShort(54)) != 56 || phnum > MAX_HEADERS) {
                return Optional.empty();
            }
            String mapped = header.get().path();
            List<MappedFile> parts = core.mappedFiles().stream().filter(f -> f.path().equals(mapped)).toList();
            Optional<Long> phAddress = addressOf(parts, phoff);
            if (phAddress.isEmpty()) {
                return Optional.empty();
            }
            byte[] phdrs = new byte[phnum * 56];
            memory.read(phAddress.get(), phdrs, 0, phdrs.length);
            ByteBuffer ph = ByteBuffer.wrap(phdrs).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < phnum; i++) {
                if (ph.getInt(i * 56) != PT_NOTE) {
                    continue;
                }
                long size = ph.getLong(i * 56 + 32);
                Optional<Long> noteAddress = addressOf(parts, ph.getLong(i * 56 + 8));
                if (noteAddress.isEmpty() || size <= 0 || size > MAX_NOTE_AREA) {
                    continue;
                }
                byte[] area = new byte[(int) size];
                memory.read(noteAddress.get(), area, 0, area.length);
                Optional<String> id = find(ByteBuffer.wrap(area));
                if (id.isPresent()) {
                    return id;
                }
            }
        } catch (UnreadableMemoryException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The address where byte {@code fileOffset} of a mapped file lies, from its NT_FILE entries. */
    private static Optional<Long> addressOf(List<MappedFile> parts, long fileOffset) {
        for (MappedFile f : parts) {
            if (fileOffset >= f.fileOffset() && fileOffset - f.fileOffset() < f.size()) {
                return Optional.of(f.start() + fileOffset - f.fileOffset());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> inArea(FileChannel ch, long fileSize, long offset, long size) throws IOException {
        if (offset <= 0 || size <= 0 || size > MAX_NOTE_AREA || offset + size > fileSize) {
            return Optional.empty();
        }
        return find(ElfCore.read(ch, offset, (int) size));
    }

    static Optional<String> find(ByteBuffer notes) {
        for (ElfNote note : ElfNote.parse(notes)) {
            if (note.type() == NT_GNU_BUILD_ID && note.name().equals("GNU")) {
                byte[] id = new byte[note.desc().limit()];
                note.desc().get(0, id);
                return Optional.of(HexFormat.of().formatHex(id));
            }
        }
        return Optional.empty();
    }
}
