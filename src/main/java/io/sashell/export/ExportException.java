package io.sashell.export;

/** An export that cannot be written because of its output path or disk: the message is one line. */
public final class ExportException extends RuntimeException {
    public ExportException(String message) {
        super(message);
    }
}
