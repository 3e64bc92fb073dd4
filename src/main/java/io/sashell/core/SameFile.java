package io.sashell.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether two paths name one file (links and relative paths resolved). */
public final class SameFile {
    private SameFile() {
    }

    /**
     * {@link Files#isSameFile}; when the file system cannot say (a file gone, no permission), whether the
     * normalized absolute paths are equal.
     */
    public static boolean of(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
