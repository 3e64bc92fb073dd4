package io.sashell.export;

import io.sashell.core.PendingPath;
import io.sashell.heap.HeapWalkProgress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes an export to its final path safely: into a temporary file of mode 0600 beside it, renamed over the
 * target only when complete. Any failure, an interrupt, or the JVM ending (Ctrl-C) removes the partial file.
 */
public final class HprofFile {
    private HprofFile() {
    }

    /**
     * @throws ExportException for paths that cannot be written (one line naming the path)
     */
    public static ExportResult write(ExportSource src, Path target, Path core, HeapWalkProgress progress) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new ExportException(target + ": is a directory");
        }
        try {
            if (Files.exists(abs) && Files.isSameFile(abs, core)) {
                throw new ExportException(target + ": is the core itself; choose another output file");
            }
        } catch (IOException e) {
            throw new ExportException(target + ": " + e.getMessage());
        }
        Path dir = abs.getParent();
        PendingPath tmp;
        try {
            tmp = PendingPath.besideTarget(abs, ".part");
        } catch (NoSuchFileException e) {
            throw new ExportException(target + ": no such directory " + dir);
        } catch (AccessDeniedException e) {
            throw new ExportException(target + ": cannot write in " + dir + " (permission denied)");
        } catch (IOException e) {
            throw new ExportException(target + ": " + e.getMessage());
        }
        // Ctrl-C or a failure removes the partial file.
        try (tmp; FileChannel ch = FileChannel.open(tmp.path(), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ExportResult r = HprofExporter.write(src, ch, target, System.currentTimeMillis(), progress);
            ch.close();
            tmp.moveTo(abs);
            return r;
        } catch (FileAlreadyExistsException e) {
            throw new ExportException(target + ": exists and cannot be replaced");
        } catch (IOException e) {
            throw new ExportException(target + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ExportException(target + ": " + e.getCause().getMessage());
        }
    }
}
