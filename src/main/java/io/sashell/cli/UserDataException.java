package io.sashell.cli;

/** Bad input named by the user (a file, an address, a class): one lowercase line, exit status 1. */
public final class UserDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserDataException(String message) {
        super(message);
    }

    public UserDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
