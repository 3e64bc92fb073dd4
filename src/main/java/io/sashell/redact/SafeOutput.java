package io.sashell.redact;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An output file written through a temporary file beside it (mode 0600 from its creation) and renamed over
 * the final name only when complete: an interrupted or failed run leaves no output, and a JVM shutdown (Ctrl-C,
 * SIGTERM) deletes the temporary file. Only a SIGKILL can leave the temporary file (never the output).
 */
final class SafeOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final Thread cleanup;
    private boolean committed;

    private SafeOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
        this.cleanup = new Thread(this::deleteTemp, "sa-shell redact cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static SafeOutput create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return new SafeOutput(target, temp);
    }

    Path temp() {
        return temp;
    }

    /** Renames the temporary file to the target (atomically where the file system can). */
    void commit() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
        committed = true;
    }

    @Override
    public void close() {
        if (!committed) {
            deleteTemp();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs (or ran) anyway.
        }
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Nothing more can be done while exiting; the name starts with a dot and ends in .partial.
        }
    }
}
