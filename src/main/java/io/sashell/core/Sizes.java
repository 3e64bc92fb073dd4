package io.sashell.core;

/** Byte counts for messages: both numbers of a pair in the unit that suits the larger one. */
final class Sizes {
    private static final long KB = 1024;
    private static final long MB = KB * 1024;
    private static final long GB = MB * 1024;

    private Sizes() {
    }

    /** "412 MB of 600 MB". */
    static String pair(long part, long whole) {
        long unit = unitFor(whole);
        return in(part, unit) + " of " + in(whole, unit);
    }

    static String of(long bytes) {
        return in(bytes, unitFor(bytes));
    }

    private static long unitFor(long bytes) {
        if (bytes >= 100 * GB) {
            return GB;
        }
        if (bytes >= 10 * MB) {
            return MB;
        }
        if (bytes >= 10 * KB) {
            return KB;
        }
        return 1;
    }

    private static String in(long bytes, long unit) {
        if (unit == GB) {
            return bytes / GB + " GB";
        }
        if (unit == MB) {
            return bytes / MB + " MB";
        }
        if (unit == KB) {
            return bytes / KB + " KB";
        }
        return bytes + " bytes";
    }
}
