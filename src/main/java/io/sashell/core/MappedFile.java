package io.sashell.core;

/**
 * One NT_FILE entry: the process had {@code path} mapped at [start, end) from byte {@code fileOffset} of the
 * file (already multiplied by the note's page size). Paths are as the kernel printed them: real paths,
 * with " (deleted)" appended when the file had been removed.
 */
public record MappedFile(long start, long end, long fileOffset, String path) {
    private static final String DELETED = " (deleted)";

    public long size() {
        return end - start;
    }

    public boolean contains(long address) {
        return address - start >= 0 && address - start < end - start;
    }

    /** True when the file had been unlinked before the core was written. */
    public boolean isDeleted() {
        return path.endsWith(DELETED);
    }

    /** The path without the " (deleted)" marker. */
    public String filePath() {
        return isDeleted() ? path.substring(0, path.length() - DELETED.length()) : path;
    }
}
