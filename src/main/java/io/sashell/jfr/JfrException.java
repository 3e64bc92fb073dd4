package io.sashell.jfr;

/** A recording that cannot be read or found: the message is one lowercase line naming the input. */
public final class JfrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JfrException(String message) {
        super(message);
    }

    public JfrException(String message, Throwable cause) {
        super(message, cause);
    }
}
