package io.sashell.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newest glibc symbol version an ELF file needs (from its {@code .gnu.version_r} section): the oldest
 * glibc it runs with. Debian 12's JDK 17 needs 2.34; Temurin builds need much older ones.
 */
public final class GlibcVersions {
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int MAX_SECTIONS = 65_535;
    private static final int MAX_SECTION_BYTES = 16 << 20;
    private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+(?:\\.\\d+)+)");

    private GlibcVersions() {
    }

    /**
     * "2.34" for a file that needs {@code GLIBC_2.34} and nothing newer; empty when the file is not an ELF64
     * little-endian file or needs no glibc version. Cost: the section headers and two small sections.
     */
    public static Optional<String> required(Path elf) throws IOException {
        try (FileChannel ch = FileChannel.open(elf, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 64) {
                return Optional.empty();
            }
            ByteBuffer h = read(ch, 0, 64);
            if (h.getInt(0) != 0x464c457f || h.get(4) != 2 || h.get(5) != 1) {
                return Optional.empty();
            }
            long shoff = h.getLong(40);
            int shentsize = Short.toUnsignedInt(h.getShort(58));
            int shnum = Short.toUnsignedInt(h.getShort(60));
            if (shoff <= 0 || shentsize != 64 || shnum == 0 || shnum > MAX_SECTIONS || shoff + shnum * 64L > size) {
                return Optional.empty();
            }
            ByteBuffer sh = read(ch, shoff, shnum * 64);
            String newest = null;
            for (int i = 0; i < shnum; i++) {
                if (sh.getInt(i * 64 + 4) != SHT_GNU_VERNEED) {
                    continue;
                }
                int link = sh.getInt(i * 64 + 40);
                int count = sh.getInt(i * 64 + 44);
                if (link < 0 || link >= shnum) {
                    continue;
                }
                ByteBuffer need = section(ch, sh, i, size);
                ByteBuffer strings = section(ch, sh, link, size);
                newest = newest(need, count, strings, newest);
            }
            return Optional.ofNullable(newest);
        }
    }

    private static String newest(ByteBuffer need, int count, ByteBuffer strings, String newest) {
        int at = 0;
        for (int n = 0; n < count && at >= 0 && at + 16 <= need.limit(); n++) {
            int auxCount = Short.toUnsignedInt(need.getShort(at + 2));
            int aux = at + need.getInt(at + 8);
            for (int a = 0; a < auxCount && aux >= 0 && aux + 16 <= need.limit(); a++) {
                Matcher m = GLIBC.matcher(string(strings, need.getInt(aux + 8)));
                if (m.matches() && (newest == null || compare(m.group(1), newest) > 0)) {
                    newest = m.group(1);
                }
                int next = need.getInt(aux + 12);
                if (next <= 0) {
                    break;
                }
                aux += next;
            }
            int next = need.getInt(at + 12);
            if (next <= 0) {
                break;
            }
            at += next;
        }
        return newest;
    }

    /** Compares dotted versions numerically: "2.9" is older than "2.34". */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ByteBuffer section(FileChannel ch, ByteBuffer sh, int index, long fileSize) throws IOException {
        long offset = sh.getLong(index * 64 + 24);
        long length = sh.getLong(index * 64 + 32);
        if (offset < 0 || length < 0 || length > MAX_SECTION_BYTES || offset + length > fileSize) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return read(ch, offset, (int) length);
    }

    private static String string(ByteBuffer strings, int offset) {
        if (offset < 0 || offset >= strings.limit()) {
            return "";
        }
        int end = offset;
        while (end < strings.limit() && strings.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - offset];
        strings.get(offset, b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static ByteBuffer read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.flip();
    }
}
