package io.sashell.bundle;

/** A bundle that cannot be written or opened as asked. The message is one lowercase line naming the file. */
public final class BundleException extends Exception {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
