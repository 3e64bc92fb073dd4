package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundFlushTest {
    @TempDir
    Path dir;

    @Test
    void flushesAlongTheWayAndTheFileIsWhole() throws IOException {
        Path file = dir.resolve("out");
        byte[] data = new byte[(int) (BackgroundFlush.EVERY * 2 + 12345)];
        new Random(3).nextBytes(data);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             BackgroundFlush flush = new BackgroundFlush(ch)) {
            int piece = 1 << 20;
            for (int at = 0; at < data.length; at += piece) {
                int n = Math.min(piece, data.length - at);
                ByteBuffer b = ByteBuffer.wrap(data, at, n);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                flush.written(n);
            }
            flush.finish();
            ch.force(true);
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void aFailedFlushIsTheWritersFailure() throws IOException {
        Path file = dir.resolve("out");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (BackgroundFlush flush = new BackgroundFlush(ch)) {
            ch.close();
            flush.written(BackgroundFlush.EVERY);
            assertThrows(IOException.class, flush::finish);
        }
    }
}
