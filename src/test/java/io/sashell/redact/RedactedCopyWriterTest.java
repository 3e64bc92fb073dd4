package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactedCopyWriterTest {
    @TempDir
    Path dir;

    @Test
    void zeroesRangesAcrossChunksAndKeepsTheRest() throws IOException {
        int chunk = RedactedCopyWriter.CHUNK;
        byte[] data = new byte[chunk * 2 + 12345];
        new Random(1).nextBytes(data);
        Path in = dir.resolve("in");
        Files.write(in, data);
        ZeroRanges z = new ZeroRanges();
        z.add(0, 1, RegionKind.PSARGS);
        z.add(chunk - 10, chunk + 10, RegionKind.ARRAY_CONTENTS);
        z.add(2L * chunk, 2L * chunk + 5, RegionKind.DEAD_STACK);
        z.add(data.length - 3, data.length, RegionKind.NATIVE_UNREAD);
        Path out = dir.resolve("out");
        Files.createFile(out);
        long[] progress = new long[1];
        RedactedCopyWriter.copy(in, out, ZeroRanges.union(List.of(z)), n -> progress[0] = n);
        byte[] expected = data.clone();
        for (int[] r : new int[][] {{0, 1}, {chunk - 10, chunk + 10}, {2 * chunk, 2 * chunk + 5},
                {data.length - 3, data.length}}) {
            Arrays.fill(expected, r[0], r[1], (byte) 0);
        }
        assertArrayEquals(expected, Files.readAllBytes(out));
        assertEquals(data.length, progress[0]);
    }

    @Test
    void skipsWhollyCoveredBlocksAndFlushesAlongTheWay() throws IOException {
        // More than one flush's worth (64 MB), different data in every chunk: a block left unread must not carry
        // the previous chunk's bytes into the output.
        int chunk = RedactedCopyWriter.CHUNK;
        int block = RedactedCopyWriter.BLOCK;
        byte[] data = new byte[chunk * 9 + 777];
        new Random(2).nextBytes(data);
        Path in = dir.resolve("in");
        Files.write(in, data);
        ZeroRanges z = new ZeroRanges();
        long[][] ranges = {
            {block * 3L, block * 5L},                           // two whole blocks
            {chunk * 2L - block - 5, chunk * 2L + 2L * block},  // across a chunk edge, whole blocks on both sides
            {chunk * 4L + 100, chunk * 5L + block * 3L + 1},    // a whole chunk and more
            {chunk * 7L + 9, chunk * 7L + 13},                  // a few bytes
            {chunk * 9L - block, data.length},                  // the end of the file
        };
        for (long[] r : ranges) {
            z.add(r[0], r[1], RegionKind.FREE_REGIONS);
        }
        Path out = dir.resolve("out");
        Files.createFile(out);
        RedactedCopyWriter.copy(in, out, ZeroRanges.union(List.of(z)), n -> { });
        byte[] expected = data.clone();
        for (long[] r : ranges) {
            Arrays.fill(expected, (int) r[0], (int) r[1], (byte) 0);
        }
        assertEquals(data.length, Files.size(out));
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    @Test
    void zeroBlocksBecomeHolesAndTheLengthIsKept() throws IOException {
        int block = RedactedCopyWriter.BLOCK;
        byte[] data = new byte[block * 64];
        Arrays.fill(data, (byte) 7);
        Path in = dir.resolve("in");
        Files.write(in, data);
        ZeroRanges z = new ZeroRanges();
        z.add(0, data.length, RegionKind.NATIVE_UNREAD);
        Path out = dir.resolve("out");
        Files.createFile(out);
        RedactedCopyWriter.copy(in, out, ZeroRanges.union(List.of(z)), n -> { });
        assertEquals(data.length, Files.size(out));
        assertArrayEquals(new byte[data.length], Files.readAllBytes(out));
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", out.toString()).start();
        String[] blocks = new String(stat.getInputStream().readAllBytes()).trim().split(" ");
        long onDisk = Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
        assertTrue(onDisk < data.length / 2, "sparse: " + onDisk + " bytes on disk");
    }
}
