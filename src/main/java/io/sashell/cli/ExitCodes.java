package io.sashell.cli;

/** Exit statuses, as the JDK's jfr tool uses them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int DATA_ERROR = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
