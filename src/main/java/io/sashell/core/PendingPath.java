package io.sashell.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file or directory being written that must not outlive a failure: deleted by {@link #close()} unless
 * {@link #keep()} was called, and by a shutdown hook when the JVM ends first (Ctrl-C). Output is written to
 * such a temporary path and renamed into place at the end, so no partial output is ever left behind.
 */
public final class PendingPath implements AutoCloseable {
    private final Path path;
    private final Thread hook;
    private volatile boolean kept;

    private PendingPath(Path path) {
        this.path = path;
        this.hook = new Thread(this::deleteQuietly, "sa-shell cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Takes charge of {@code path} (which may not exist yet). */
    public static PendingPath of(Path path) {
        return new PendingPath(path);
    }

    /**
     * A new empty file beside {@code target}, mode 0600 from its creation, named after it ({@code .NAME.RANDOM}
     * and {@code suffix}): where output is written before {@link #moveTo} puts it in place.
     *
     * @throws IOException as {@link Files#createTempFile}: no such directory, permission denied...
     */
    public static PendingPath besideTarget(Path target, String suffix) throws IOException {
        Path abs = target.toAbsolutePath();
        return new PendingPath(Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", suffix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
    }

    /**
     * Renames the complete file to {@code target}, replacing what is there, atomically where the file system can
     * (else by a plain move), and leaves it there.
     */
    public void moveTo(Path target) throws IOException {
        try {
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
        keep();
    }

    public Path path() {
        return path;
    }

    /** The path is complete (or was renamed away): leave it. */
    public void keep() {
        kept = true;
        removeHook();
    }

    @Override
    public void close() {
        if (!kept) {
            deleteQuietly();
            removeHook();
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs (or ran) and deletes what is left.
        }
    }

    private void deleteQuietly() {
        if (kept) {
            return;
        }
        try {
            deleteTree(path);
        } catch (IOException e) {
            // A leftover temporary file is named as such ("*.tmp"); nothing more can be done here.
        }
    }

    /** Deletes a file or a directory tree without following symlinks. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
