package io.sashell.index;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps a cache directory of indexes under a size and count limit. An index in use holds a shared lock on its
 * file (taken when it is opened, released when it is closed, by any process); the least recently used files go
 * first, and only one whose exclusive lock can be taken, so no session loses the index it reads.
 */
final class IndexCache {
    /**
     * At most {@code maxFiles} indexes and {@code maxBytes} bytes of them (the one just opened is kept even when
     * it alone is larger).
     */
    record Limits(long maxBytes, int maxFiles) {
        Limits {
            if (maxBytes < 0 || maxFiles < 1) {
                throw new IllegalArgumentException("limits must be positive: " + maxBytes + " bytes, " + maxFiles
                        + " files");
            }
        }
    }

    /** About 16 indexes of 8M-object cores (35 bytes per object). */
    static final Limits DEFAULT = new Limits(8L << 30, 16);

    private static final String PREFIX = "sa-shell-";
    private static final String SUFFIX = ".index";

    private IndexCache() {
    }

    /** True for the name of a whole index file of a store (not a build's temporary). */
    static boolean isIndexFile(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    /**
     * Marks an open index as in use (a shared lock on its channel, released when the channel closes) and as just
     * used (its modification time), so that eviction takes it last, and never while it is open.
     */
    static void markInUse(Path file, FileChannel channel) {
        try {
            channel.tryLock(0, Long.MAX_VALUE, true);
        } catch (OverlappingFileLockException e) {
            // This JVM holds it open already: in use either way.
        } catch (IOException e) {
            // A file system without locks: eviction cannot see the use, only the time.
        }
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // Only the eviction order suffers.
        }
    }

    /**
     * Deletes the least recently used index files of {@code dir} until the rest fit {@code limits}, never
     * {@code keep} and never one that is in use. Returns the files deleted.
     */
    static List<Path> evict(Path dir, Path keep, Limits limits) {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(IndexCache::isIndexFile).toList()) {
                try {
                    entries.add(new Entry(p, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
                } catch (NoSuchFileException e) {
                    // Evicted by another process meanwhile.
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        // Newest first; the file just opened counts as the newest whatever its time.
        entries.sort(Comparator.comparing((Entry e) -> !e.path().equals(keep))
                .thenComparing(Comparator.comparingLong(Entry::modified).reversed()));
        long bytes = 0;
        int files = 0;
        List<Path> deleted = new ArrayList<>();
        for (Entry e : entries) {
            boolean fits = files + 1 <= limits.maxFiles() && bytes + e.size() <= limits.maxBytes();
            if (fits || e.path().equals(keep) || !deleteUnlessInUse(e.path())) {
                bytes += e.size();
                files++;
            } else {
                deleted.add(e.path());
            }
        }
        return deleted;
    }

    private record Entry(Path path, long size, long modified) {
    }

    /** Deletes the file when no process holds it open (as {@link #markInUse} marks it); true when deleted. */
    private static boolean deleteUnlessInUse(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return false;
            }
            if (lock == null) {
                return false;
            }
            try {
                Files.delete(p);
                return true;
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            return false;
        }
    }
}
