package io.sashell.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One ELF note: owner name, type and descriptor (a little-endian view of the descriptor bytes);
 * {@code descOffset} is where the descriptor starts in the area the note was parsed from.
 */
record ElfNote(String name, int type, ByteBuffer desc, int descOffset) {

    /**
     * Splits a PT_NOTE / SHT_NOTE area into notes. Entries are 4-byte aligned (all Linux core and build-id
     * notes are); an entry cut off at the end of the area ends the list, so a truncated core keeps the
     * notes it still holds.
     */
    static List<ElfNote> parse(ByteBuffer area) {
        ByteBuffer b = area.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<ElfNote> notes = new ArrayList<>();
        while (b.remaining() >= 12) {
            long nameSize = Integer.toUnsignedLong(b.getInt());
            long descSize = Integer.toUnsignedLong(b.getInt());
            int type = b.getInt();
            long namePadded = align4(nameSize);
            long descPadded = align4(descSize);
            if (namePadded + descSize > b.remaining()) {
                break;
            }
            int nameStart = b.position();
            int nameLength = (int) nameSize;
            while (nameLength > 0 && b.get(nameStart + nameLength - 1) == 0) {
                nameLength--;
            }
            byte[] name = new byte[nameLength];
            b.get(nameStart, name);
            int descStart = nameStart + (int) namePadded;
            ByteBuffer desc = b.slice(descStart, (int) descSize).order(ByteOrder.LITTLE_ENDIAN);
            notes.add(new ElfNote(new String(name, StandardCharsets.ISO_8859_1), type, desc, descStart));
            long next = descStart + descPadded;
            if (next > b.limit()) {
                break;
            }
            b.position((int) next);
        }
        return notes;
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }
}
