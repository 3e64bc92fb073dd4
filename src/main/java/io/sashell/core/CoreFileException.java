package io.sashell.core;

import java.nio.file.Path;

/**
 * A core file that cannot be used as asked: not a core, cut short where it matters, or no JDK for it.
 * The message is one lowercase line that starts with the file it is about, ready to print as a data error.
 */
public final class CoreFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public CoreFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** For messages that name the file in their own words ("/x/core is not a core of a Java VM: …"). */
    public CoreFileException(String message) {
        super(message);
    }

    public CoreFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
