package io.sashell.sa;

/** A failure inside the Serviceability Agent, translated at the package boundary into one line. */
public final class SaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SaException(String message, Throwable cause) {
        super(message, cause);
    }

    public SaException(String message) {
        super(message);
    }
}
