package io.sashell.redact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets a scenario planted, read from its side file (see {@code testdata/redact/Secrets.java}), and a
 * search for them in a file: each text secret in every encoding it can have in memory (Latin-1 when it fits,
 * which is ASCII for ASCII text; UTF-8; UTF-16LE), each byte secret as is.
 */
public final class PlantedSecrets {
    /** One encoding of one secret. */
    public record Pattern(String secret, String encoding, byte[] bytes, boolean fullOnly) {
    }

    private final List<Pattern> patterns;

    private PlantedSecrets(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public static PlantedSecrets read(Path sideFile) throws IOException {
        List<Pattern> out = new ArrayList<>();
        for (String line : Files.readAllLines(sideFile, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            boolean full = f.length > 3 && f[3].equals("full");
            if (f[1].equals("bytes")) {
                out.add(new Pattern(f[0], "bytes", HexFormat.of().parseHex(f[2]), full));
                continue;
            }
            String v = f[2];
            Map<String, byte[]> enc = new LinkedHashMap<>();
            if (v.chars().allMatch(c -> c < 256)) {
                enc.put(v.chars().allMatch(c -> c < 128) ? "ascii" : "latin-1", v.getBytes(StandardCharsets.ISO_8859_1));
            }
            enc.put("utf-8", v.getBytes(StandardCharsets.UTF_8));
            enc.put("utf-16le", v.getBytes(StandardCharsets.UTF_16LE));
            byte[] seen = null;
            for (Map.Entry<String, byte[]> e : enc.entrySet()) {
                if (seen != null && Arrays.equals(seen, e.getValue())) {
                    continue;
                }
                out.add(new Pattern(f[0], e.getKey(), e.getValue(), full));
                seen = e.getValue();
            }
        }
        return new PlantedSecrets(out);
    }

    public List<Pattern> patterns() {
        return patterns;
    }

    public List<String> names() {
        return patterns.stream().map(Pattern::secret).distinct().toList();
    }

    /** How often each pattern occurs in {@code file}, in one pass over the file. */
    public Map<Pattern, Integer> countIn(Path file) throws IOException {
        Map<Pattern, Integer> counts = new LinkedHashMap<>();
        patterns.forEach(p -> counts.put(p, 0));
        // Patterns by their first two bytes: one table probe per byte of the file.
        @SuppressWarnings("unchecked")
        List<Pattern>[] byPrefix = new List[1 << 16];
        int longest = 0;
        for (Pattern p : patterns) {
            int key = (p.bytes[0] & 0xFF) | (p.bytes[1] & 0xFF) << 8;
            if (byPrefix[key] == null) {
                byPrefix[key] = new ArrayList<>();
            }
            byPrefix[key].add(p);
            longest = Math.max(longest, p.bytes.length);
        }
        int chunk = 64 << 20;
        byte[] buf = new byte[chunk + longest];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            for (long pos = 0; pos < size; pos += chunk) {
                int n = (int) Math.min(buf.length, size - pos);
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining() && ch.read(b, pos + b.position()) >= 0) {
                    // read until the buffer is full or the file ends
                }
                int limit = Math.min(n, chunk);
                for (int i = 0; i < limit && i + 1 < n; i++) {
                    List<Pattern> c = byPrefix[(buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8];
                    if (c == null) {
                        continue;
                    }
                    for (Pattern p : c) {
                        if (i + p.bytes.length <= n && Arrays.equals(buf, i, i + p.bytes.length, p.bytes, 0,
                                p.bytes.length)) {
                            counts.merge(p, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        return counts;
    }
}
